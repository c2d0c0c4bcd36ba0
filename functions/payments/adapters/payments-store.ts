import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { IntegrationEvent } from '../../../schemas/event-definition';
import { isConditionalCheckFailed } from '../../../lib/dynamodb';
import { InvalidStoredItemError } from '../../../lib/errors';
import { OutboxEntry } from '../../../lib/outbox';

/** An item of PAYMENTS_TABLE, keyed by `orderId`. */
export const PaymentItem = z.object({
  orderId: z.string().min(1),
  status: z.enum(['AUTHORIZED', 'DECLINED']),
  /** PaymentAuthorized or PaymentDeclined, which the outbox relay publishes. */
  outbox: OutboxEntry,
});
export type PaymentItem = z.infer<typeof PaymentItem>;

/** A payment to store, with its outcome as built for PutEvents. */
export type StoredPayment = PaymentItem & { outbox: IntegrationEvent };

export interface PaymentsStore {
  find(orderId: string): Promise<PaymentItem | undefined>;
  /** Stores the outcome unless the order already has one, and reports which. */
  save(item: StoredPayment): Promise<'saved' | 'already_exists'>;
}

/** Creates the payments store on PAYMENTS_TABLE. */
export function createDynamoPaymentsStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): PaymentsStore {
  return {
    find: async (orderId) => {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: { orderId }, ConsistentRead: true }),
      );

      return output.Item === undefined ? undefined : parsePaymentItem(output.Item);
    },
    save: async (item) => {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(#orderId)',
            ExpressionAttributeNames: { '#orderId': 'orderId' },
          }),
        );
      } catch (error) {
        if (isConditionalCheckFailed(error)) {
          return 'already_exists';
        }
        throw error;
      }

      return 'saved';
    },
  };
}

function parsePaymentItem(item: Record<string, unknown>): PaymentItem {
  const result = PaymentItem.safeParse(item);
  if (!result.success) {
    const orderId = String(item['orderId']);
    throw new InvalidStoredItemError(`Payment of order ${orderId} is invalid`, {
      cause: result.error,
    });
  }

  return result.data;
}
