import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { EventMetadata, IntegrationEvent } from '../../../schemas/event-definition';
import { InvalidStoredItemError } from '../../../lib/errors';
import { processedEventKey } from '../../../lib/processed-events';
import {
  createDynamoEventStore,
  type GuardItem,
  StoredEventItem,
} from '../../../lib/event-store';
import { OrderEvent } from '../domain/events';

/**
 * An order event with its metadata. When it is appended, `outbox` contains the integration
 * event that the outbox relay publishes for it. Loaded events leave it out.
 */
export type StoredOrderEvent = OrderEvent & { metadata: EventMetadata; outbox?: IntegrationEvent };

/** The events of one order and the version of the last one (0 when empty). */
export interface OrderStream {
  version: number;
  events: StoredOrderEvent[];
}

/** The request an Idempotency-Key was first used with, and the order it created. */
export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  orderId: string;
}

export interface OrderStore {
  load(orderId: string): Promise<OrderStream>;
  /**
   * Appends events after `expectedVersion`. With an idempotency record, writes it in
   * the same transaction, only if the key is unused. With `processedEventId`, records
   * the id of the event that caused the append in the same transaction, only once.
   *
   * @throws ConcurrencyError when the stream moved on, the key is already used or the
   *   event id is already recorded.
   */
  append(
    orderId: string,
    expectedVersion: number,
    events: readonly StoredOrderEvent[],
    idempotency?: IdempotencyRecord,
    processedEventId?: string,
  ): Promise<void>;
  /** Returns whether the event with this id was already processed. */
  isProcessed(eventId: string): Promise<boolean>;
  findIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
}

export const orderStreamId = (orderId: string): string => `order#${orderId}`;

export const idempotencyStreamId = (key: string): string => `idempotency#${key}`;

const IdempotencyItem = z.object({
  key: z.string().min(1),
  requestHash: z.string().min(1),
  orderId: z.string().min(1),
});

/** Creates the order store on the event store table ORDERS_TABLE. */
export function createDynamoOrderStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): OrderStore {
  const eventStore = createDynamoEventStore(client, tableName);

  return {
    load: async (orderId) => {
      const items = await eventStore.readStream(orderStreamId(orderId));
      const last = items.at(-1);

      return { version: last?.version ?? 0, events: items.map(toStoredOrderEvent) };
    },
    append: (orderId, expectedVersion, events, idempotency, processedEventId) => {
      const guards: GuardItem[] = [];
      if (idempotency) {
        guards.push({ item: toIdempotencyItem(idempotency), keyAttribute: 'streamId' });
      }
      if (processedEventId) {
        guards.push({ item: processedItem(processedEventId), keyAttribute: 'streamId' });
      }

      const streamId = orderStreamId(orderId);

      return eventStore.appendToStream(streamId, expectedVersion, events, guards);
    },
    isProcessed: async (eventId) => {
      const output = await client.send(
        new GetCommand({ TableName: tableName, Key: processedItem(eventId), ConsistentRead: true }),
      );

      return output.Item !== undefined;
    },
    findIdempotencyRecord: async (key) => {
      const output = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { streamId: idempotencyStreamId(key), version: 0 },
          ConsistentRead: true,
        }),
      );

      return output.Item ? parseIdempotencyItem(output.Item) : undefined;
    },
  };
}

/** Parses an item of an order stream, such as a stream record's new image. */
export function parseVersionedOrderEvent(
  item: Record<string, unknown>,
): StoredOrderEvent & { version: number } {
  const result = StoredEventItem.safeParse(item);
  if (!result.success) {
    const key = `${String(item['streamId'])}@${String(item['version'])}`;
    throw new InvalidStoredItemError(`Stored event ${key} is invalid`, { cause: result.error });
  }

  return { ...toStoredOrderEvent(result.data), version: result.data.version };
}

function toStoredOrderEvent(item: StoredEventItem): StoredOrderEvent {
  const result = OrderEvent.safeParse({ type: item.type, data: item.data });
  if (!result.success) {
    throw new InvalidStoredItemError(
      `Stored event ${item.streamId}@${item.version} is not a valid order event`,
      { cause: result.error },
    );
  }

  return { ...result.data, metadata: item.metadata };
}

function processedItem(eventId: string): Record<string, unknown> {
  return { streamId: processedEventKey(eventId), version: 0 };
}

function toIdempotencyItem(record: IdempotencyRecord): Record<string, unknown> {
  return { streamId: idempotencyStreamId(record.key), version: 0, ...record };
}

function parseIdempotencyItem(item: Record<string, unknown>): IdempotencyRecord {
  const result = IdempotencyItem.safeParse(item);
  if (!result.success) {
    const streamId = String(item['streamId']);
    throw new InvalidStoredItemError(`Idempotency record ${streamId} is invalid`, {
      cause: result.error,
    });
  }

  return result.data;
}
