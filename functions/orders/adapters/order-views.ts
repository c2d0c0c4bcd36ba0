import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '../../../lib/dynamodb';
import type { StoredOrderEvent } from './order-store';

export type ViewResult = 'applied' | 'duplicate';

/** An order event with the version it has in its order stream. */
export type VersionedOrderEvent = StoredOrderEvent & { version: number };

/** Raised when an order event arrives before the one just before it in its stream. */
export class ViewGapError extends Error {
  constructor(
    readonly orderId: string,
    readonly version: number,
    readonly viewVersion: number,
  ) {
    super(`Order event ${orderId}@${version} cannot follow the view at version ${viewVersion}`);
    this.name = 'ViewGapError';
  }
}

/**
 * Applies one order event to the view item with the given key. OrderCreated puts the item
 * only if it does not exist, and every later event changes it only if the item is at the
 * version just before the event. An event that the view already reflects changes nothing.
 *
 * @throws ViewGapError when an earlier event of the order is not applied yet.
 */
export async function applyToOrderView(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
  event: VersionedOrderEvent,
): Promise<ViewResult> {
  try {
    const command = writeCommand(tableName, key, event);
    if (command instanceof PutCommand) {
      await client.send(command);
    } else {
      await client.send(command);
    }
  } catch (error) {
    if (!isConditionalCheckFailed(error)) {
      throw error;
    }
    const current = await readViewVersion(client, tableName, key);
    if (current >= event.version) {
      return 'duplicate';
    }
    throw new ViewGapError(event.data.orderId, event.version, current);
  }

  return 'applied';
}

function writeCommand(
  tableName: string,
  key: Record<string, string>,
  event: VersionedOrderEvent,
): PutCommand | UpdateCommand {
  if (event.type === 'OrderCreated') {
    const { paymentToken: _paymentToken, ...data } = event.data;

    return new PutCommand({
      TableName: tableName,
      Item: { ...key, ...data, status: 'PENDING', createdAt: event.metadata.occurredAt, version: 1 },
      ConditionExpression: 'attribute_not_exists(#version)',
      ExpressionAttributeNames: { '#version': 'version' },
    });
  }
  const changes = viewChanges(event);
  const names = Object.fromEntries(Object.keys(changes).map((name) => [`#${name}`, name]));
  const values = Object.fromEntries(Object.entries(changes).map(([name, v]) => [`:${name}`, v]));
  const assignments = Object.keys(changes).map((name) => `#${name} = :${name}`);

  return new UpdateCommand({
    TableName: tableName,
    Key: key,
    UpdateExpression: `SET ${['#version = :version', ...assignments].join(', ')}`,
    ConditionExpression: '#version = :previous',
    ExpressionAttributeNames: { '#version': 'version', ...names },
    ExpressionAttributeValues: { ':version': event.version, ':previous': event.version - 1, ...values },
  });
}

/** Returns the view attributes that an event after OrderCreated sets. */
function viewChanges(event: VersionedOrderEvent): Record<string, string> {
  switch (event.type) {
    case 'OrderConfirmed':
      return { status: 'CONFIRMED' };
    case 'OrderCancelled':
      return { status: 'CANCELLED', cancellationReason: event.data.reason };
    default:
      return {};
  }
}

async function readViewVersion(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: Record<string, string>,
): Promise<number> {
  const output = await client.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  const version = output.Item?.['version'];

  return typeof version === 'number' ? version : 0;
}
