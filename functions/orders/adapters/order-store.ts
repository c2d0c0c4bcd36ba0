import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { EventMetadata, IntegrationEvent } from '../../../schemas/event-definition';
import { InvalidStoredItemError } from '../../../lib/errors';
import { createDynamoEventStore, StoredEventItem } from '../../../lib/event-store';
import { OrderEvent } from '../domain/events';

/**
 * An order event with its metadata. When it is appended, `outbox` holds the integration
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
   * the same transaction, only if the key is unused.
   *
   * @throws ConcurrencyError when the stream moved on or the key is already used.
   */
  append(
    orderId: string,
    expectedVersion: number,
    events: readonly StoredOrderEvent[],
    idempotency?: IdempotencyRecord,
  ): Promise<void>;
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
    append: (orderId, expectedVersion, events, idempotency) => {
      const guards = idempotency
        ? [{ item: toIdempotencyItem(idempotency), keyAttribute: 'streamId' }]
        : [];

      const streamId = orderStreamId(orderId);

      return eventStore.appendToStream(streamId, expectedVersion, events, guards);
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
