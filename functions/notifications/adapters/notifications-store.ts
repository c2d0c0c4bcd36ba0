import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { NotificationKind } from '../../../schemas/notifications-api';
import { cancellationCodes, queryPartition } from '../../../lib/dynamodb';
import { processedEventKey } from '../../../lib/processed-events';
import { InvalidStoredItemError } from '../../../lib/errors';
import type { Notification } from '../domain/notification';

/** An item of NOTIFICATIONS_TABLE, keyed by `orderId` and `kind`. */
const NotificationItem = z.object({
  orderId: z.string().min(1),
  kind: NotificationKind,
  customerId: z.string().min(1),
  subject: z.string(),
  sentAt: z.string(),
});

/** Sort key of the items that record a processed event id. */
const PROCESSED_EVENT_KIND = 'processed-event';

export interface NotificationsStore {
  /** Returns whether the event with this id was already processed. */
  isProcessed(eventId: string): Promise<boolean>;
  /**
   * Stores the notification and records the event id in one transaction, unless a
   * notification of the same order and kind exists or the event was already processed.
   */
  save(notification: Notification, eventId: string): Promise<'saved' | 'duplicate'>;
  /** Returns the order's notifications, oldest first. */
  listByOrder(orderId: string): Promise<Notification[]>;
}

/** Creates the notifications store on NOTIFICATIONS_TABLE. */
export function createDynamoNotificationsStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): NotificationsStore {
  return {
    isProcessed: async (eventId) => {
      const key = { orderId: processedEventKey(eventId), kind: PROCESSED_EVENT_KIND };
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
      );

      return output.Item !== undefined;
    },
    save: async (notification, eventId) => {
      const condition = {
        ConditionExpression: 'attribute_not_exists(#orderId)',
        ExpressionAttributeNames: { '#orderId': 'orderId' },
      };
      const marker = { orderId: processedEventKey(eventId), kind: PROCESSED_EVENT_KIND };
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: notification, ...condition } },
              { Put: { TableName: tableName, Item: marker, ...condition } },
            ],
          }),
        );
      } catch (error) {
        if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) {
          return 'duplicate';
        }
        throw error;
      }

      return 'saved';
    },
    listByOrder: async (orderId) => {
      const items = await queryByOrder(client, tableName, orderId);
      const notifications = items.map(parseNotification);

      return notifications.sort((left, right) => left.sentAt.localeCompare(right.sentAt));
    },
  };
}

function queryByOrder(
  client: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<Record<string, unknown>[]> {
  return queryPartition(client, { tableName, keyName: 'orderId', keyValue: orderId });
}

function parseNotification(item: Record<string, unknown>): Notification {
  const result = NotificationItem.safeParse(item);
  if (!result.success) {
    throw new InvalidStoredItemError(
      `Notification ${String(item['orderId'])}/${String(item['kind'])} is invalid`,
      { cause: result.error },
    );
  }

  return result.data;
}
