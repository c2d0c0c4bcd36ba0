import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { IntegrationEvent } from '../../../schemas/event-definition';
import { cancellationCodes } from '../../../lib/dynamodb';
import { processedEventKey } from '../../../lib/processed-events';
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
  /** Returns whether the event with this id was already processed. */
  isProcessed(eventId: string): Promise<boolean>;
  /**
   * Stores the outcome and records the event id in one transaction, unless the order
   * already has an outcome or the event was already processed.
   */
  save(item: StoredPayment, eventId: string): Promise<'saved' | 'already_exists'>;
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
    isProcessed: async (eventId) => {
      const key = { orderId: processedEventKey(eventId) };
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
      );

      return output.Item !== undefined;
    },
    save: async (item, eventId) => {
      const condition = {
        ConditionExpression: 'attribute_not_exists(#orderId)',
        ExpressionAttributeNames: { '#orderId': 'orderId' },
      };
      const marker = { orderId: processedEventKey(eventId), processedAt: new Date().toISOString() };
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: item, ...condition } },
              { Put: { TableName: tableName, Item: marker, ...condition } },
            ],
          }),
        );
      } catch (error) {
        if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) {
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
