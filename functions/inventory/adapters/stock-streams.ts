import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { Sku } from '../../../schemas/common';
import { EventMetadata } from '../../../schemas/event-definition';
import { InvalidStoredItemError } from '../../../lib/errors';
import { queryStreamItems } from '../../../lib/event-store';
import { foldStock, type StockEvent, type StockLevel } from '../domain/stock';

/** The stream of one sku's stock in INVENTORY_TABLE. */
export const stockStreamId = (sku: string): string => `stock#${sku}`;

const Units = z.object({ sku: Sku, quantity: z.int().positive() });
const Move = Units.extend({ orderId: z.string().min(1) });

/** An item of a stock stream as stored, one per event. */
export const StoredStockEvent = z.intersection(
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('StockAdded'), data: Units }),
    z.object({ type: z.literal('StockReserved'), data: Move }),
    z.object({ type: z.literal('StockReleased'), data: Move }),
  ]),
  z.object({ streamId: z.string(), version: z.int().positive(), metadata: EventMetadata }),
);
export type StoredStockEvent = z.infer<typeof StoredStockEvent>;

/** Parses a stored stock event item, such as a stream record's new image. */
export function parseStockEvent(item: Record<string, unknown>): StoredStockEvent {
  const result = StoredStockEvent.safeParse(item);
  if (!result.success) {
    const key = `${String(item['streamId'])}@${String(item['version'])}`;
    throw new InvalidStoredItemError(`Stock event ${key} is invalid`, { cause: result.error });
  }

  return result.data;
}

/**
 * Reads and folds the stock stream of each sku with strongly consistent reads. A sku
 * without events gets version 0 and no units.
 */
export async function readStockLevels(
  client: DynamoDBDocumentClient,
  tableName: string,
  skus: readonly string[],
): Promise<Map<string, StockLevel>> {
  const unique = [...new Set(skus)];
  const levels = await Promise.all(
    unique.map(async (sku) => {
      const events = await readStockStream(client, tableName, sku);

      return [sku, foldStock(events)] as const;
    }),
  );

  return new Map(levels);
}

// NOTE: each read folds the whole stream, so the cost grows with the sku's history.
// A snapshot item per sku would bound it.
async function readStockStream(
  client: DynamoDBDocumentClient,
  tableName: string,
  sku: string,
): Promise<StockEvent[]> {
  return (await queryStreamItems(client, tableName, stockStreamId(sku))).map(parseStockEvent);
}

/**
 * Builds the Put of a stock event at the given version, only if that version is free.
 * The event gets its own id and names the order's reservation event as its cause.
 */
export function stockEventPut(
  tableName: string,
  version: number,
  event: StockEvent,
  cause: EventMetadata,
) {
  const metadata = { ...cause, eventId: randomUUID(), causationId: cause.eventId };

  return {
    Put: {
      TableName: tableName,
      Item: { streamId: stockStreamId(event.data.sku), version, ...event, metadata },
      ConditionExpression: 'attribute_not_exists(#version)',
      ExpressionAttributeNames: { '#version': 'version' },
    },
  };
}
