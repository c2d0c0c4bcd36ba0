import {
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { EventMetadata, type IntegrationEvent } from '../schemas/event-definition';
import { cancellationCodes, isConditionalCheckFailed, queryPartition } from './dynamodb';
import { ConcurrencyError, InvalidStoredItemError } from './errors';

/** An event as stored in the event store table, one item per event. */
export const StoredEventItem = z.object({
  streamId: z.string().min(1),
  version: z.int().positive(),
  type: z.string().min(1),
  data: z.unknown(),
  metadata: EventMetadata,
});
export type StoredEventItem = z.infer<typeof StoredEventItem>;

/**
 * An event to append. The store assigns its version. An event with an `outbox` entry is
 * published by the outbox relay once the item appears on the table's stream.
 */
export interface EventToAppend {
  type: string;
  data: unknown;
  metadata: EventMetadata;
  outbox?: IntegrationEvent;
}

/** An extra item written in the same transaction, only if its key does not exist. */
export interface GuardItem {
  item: Record<string, unknown>;
  /** The partition key attribute, used in `attribute_not_exists`. */
  keyAttribute: string;
}

export interface EventStore {
  /** Returns the stream's events in version order, or none for an unknown stream. */
  readStream(streamId: string): Promise<StoredEventItem[]>;
  /**
   * Appends events at versions expectedVersion + 1 .. n in one write.
   *
   * @throws ConcurrencyError when another writer got there first, or when a guard
   *   item already exists.
   */
  appendToStream(
    streamId: string,
    expectedVersion: number,
    events: readonly EventToAppend[],
    guards?: readonly GuardItem[],
  ): Promise<void>;
}

/** Creates an event store on a table keyed by `streamId` (S) and `version` (N). */
export function createDynamoEventStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): EventStore {
  return {
    readStream: (streamId) => readStream(client, tableName, streamId),
    appendToStream: async (streamId, expectedVersion, events, guards = []) => {
      const items = events.map((event, index) => ({
        streamId,
        version: expectedVersion + index + 1,
        ...event,
      }));
      try {
        await writeItems(client, tableName, items, guards);
      } catch (error) {
        if (isConditionalCheckFailed(error) || cancellationCodes(error)) {
          throw new ConcurrencyError(streamId, expectedVersion, { cause: error });
        }
        throw error;
      }
    },
  };
}

async function readStream(
  client: DynamoDBDocumentClient,
  tableName: string,
  streamId: string,
): Promise<StoredEventItem[]> {
  return (await queryStreamItems(client, tableName, streamId)).map(parseStoredItem);
}

/** Reads every item of one stream, oldest version first, with a consistent read. */
export function queryStreamItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  streamId: string,
): Promise<Record<string, unknown>[]> {
  return queryPartition(client, { tableName, keyName: 'streamId', keyValue: streamId, consistentRead: true });
}

function parseStoredItem(item: Record<string, unknown>): StoredEventItem {
  const result = StoredEventItem.safeParse(item);
  if (!result.success) {
    throw new InvalidStoredItemError(
      `Stored event ${String(item['streamId'])}@${String(item['version'])} is invalid`,
      { cause: result.error },
    );
  }

  return result.data;
}

async function writeItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  events: readonly Record<string, unknown>[],
  guards: readonly GuardItem[],
): Promise<void> {
  const condition = {
    ConditionExpression: 'attribute_not_exists(#version)',
    ExpressionAttributeNames: { '#version': 'version' },
  };
  const [single] = events;
  if (events.length === 1 && guards.length === 0 && single) {
    await client.send(new PutCommand({ TableName: tableName, Item: single, ...condition }));
    return;
  }

  const eventPuts = events.map((item) => ({
    Put: { TableName: tableName, Item: item, ...condition },
  }));
  const guardPuts = guards.map((guard) => ({
    Put: {
      TableName: tableName,
      Item: guard.item,
      ConditionExpression: 'attribute_not_exists(#key)',
      ExpressionAttributeNames: { '#key': guard.keyAttribute },
    },
  }));
  await client.send(
    new TransactWriteCommand({ TransactItems: [...eventPuts, ...guardPuts] }),
  );
}
