import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  CustomerOrderSummary,
  type CustomerOrderList,
  OrderView,
} from '../../../schemas/orders-api';
import { InvalidStoredItemError } from '../../../lib/errors';

/** Name of the local secondary index of CUSTOMER_ORDERS_TABLE sorted by `createdAt`. */
export const BY_CREATED_AT_INDEX = 'byCreatedAt';

/** Raised when a `nextToken` was not issued for this customer's list. */
export class InvalidPageTokenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidPageTokenError';
  }
}

const PageKey = z.object({ customerId: z.string(), orderId: z.string(), createdAt: z.string() });

/** Reads the order view, or returns undefined when the order is not in it (yet). */
export async function getOrderView(
  client: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<OrderView | undefined> {
  const output = await client.send(new GetCommand({ TableName: tableName, Key: { orderId } }));

  return output.Item === undefined ? undefined : parseView(OrderView, output.Item);
}

/**
 * Reads one page of a customer's orders, newest first.
 *
 * @throws InvalidPageTokenError when `nextToken` does not decode to a key of this list.
 */
export async function listCustomerOrders(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: { customerId: string; limit: number; nextToken?: string | undefined },
): Promise<CustomerOrderList> {
  const startKey = query.nextToken ? decodeToken(query.nextToken, query.customerId) : undefined;
  const output = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: BY_CREATED_AT_INDEX,
      KeyConditionExpression: '#customerId = :customerId',
      ExpressionAttributeNames: { '#customerId': 'customerId' },
      ExpressionAttributeValues: { ':customerId': query.customerId },
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: startKey,
    }),
  );
  const orders = (output.Items ?? []).map((item) => parseView(CustomerOrderSummary, item));
  const last = output.LastEvaluatedKey;

  return last ? { orders, nextToken: encodeToken(last) } : { orders };
}

function encodeToken(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeToken(token: string, customerId: string): Record<string, unknown> {
  let key: z.infer<typeof PageKey>;
  try {
    key = PageKey.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch (error) {
    throw new InvalidPageTokenError('Invalid nextToken: pass the token of the previous page', {
      cause: error,
    });
  }
  if (key.customerId !== customerId) {
    throw new InvalidPageTokenError('Invalid nextToken: it belongs to another customerId');
  }

  return key;
}

function parseView<Schema extends z.ZodType>(schema: Schema, item: Record<string, unknown>) {
  const result = schema.safeParse(item);
  if (!result.success) {
    throw new InvalidStoredItemError(`Order view ${String(item['orderId'])} is invalid`, {
      cause: result.error,
    });
  }

  return result.data as z.output<Schema>;
}
