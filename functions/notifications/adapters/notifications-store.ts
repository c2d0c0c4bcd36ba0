import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { NotificationKind } from '../../../schemas/notifications-api';
import { isConditionalCheckFailed } from '../../../lib/dynamodb';
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

export interface NotificationsStore {
  /** Stores the notification unless one of the same order and kind exists. */
  save(notification: Notification): Promise<'saved' | 'duplicate'>;
  /** Returns the order's notifications, oldest first. */
  listByOrder(orderId: string): Promise<Notification[]>;
}

/** Creates the notifications store on NOTIFICATIONS_TABLE. */
export function createDynamoNotificationsStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): NotificationsStore {
  return {
    save: async (notification) => {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: notification,
            ConditionExpression: 'attribute_not_exists(#orderId)',
            ExpressionAttributeNames: { '#orderId': 'orderId' },
          }),
        );
      } catch (error) {
        if (isConditionalCheckFailed(error)) {
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

async function queryByOrder(
  client: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#orderId = :orderId',
        ExpressionAttributeNames: { '#orderId': 'orderId' },
        ExpressionAttributeValues: { ':orderId': orderId },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  return items;
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
