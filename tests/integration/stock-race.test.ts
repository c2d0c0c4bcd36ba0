import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';

import { createDynamoInventoryStore, type InventoryStore } from '../../functions/inventory/adapters/inventory-store';
import { handleOrderEvent } from '../../functions/inventory/handlers/on-order-event';
import { OrderCreated } from '../../schemas/order-events';
import { toIntegrationEvent } from '../../lib/envelope';
import { randomId, systemClock } from '../../lib/runtime';
import { seedProducts } from '../../scripts/seed-products';
import { localClients, uniqueName } from '../support/aws';

const { dynamoDb } = localClients();
const tables = { productsTable: 'shop-test-products', inventoryTable: 'shop-test-inventory' };
const logger = new Logger({ serviceName: 'stock-race-test', logLevel: 'SILENT' });

async function skuWithStock(units: number): Promise<string> {
  const sku = uniqueName('RACE').toUpperCase();
  const price = { amount: 100, currency: 'EUR' };
  await seedProducts(dynamoDb, tables, [{ sku, name: 'Race item', price, stock: units }]);

  return sku;
}

function orderCreated(sku: string) {
  const metadata = {
    eventId: randomUUID(),
    correlationId: randomUUID(),
    causationId: 'request-1',
    occurredAt: new Date().toISOString(),
    schemaVersion: 1 as const,
  };
  const event = toIntegrationEvent(
    OrderCreated,
    {
      orderId: randomUUID(),
      customerId: 'customer-race',
      items: [{ sku, quantity: 1, unitPrice: { amount: 100, currency: 'EUR' } }],
      total: { amount: 100, currency: 'EUR' },
    },
    metadata,
  );

  return OrderCreated.envelope.parse({
    id: metadata.eventId,
    source: event.source,
    'detail-type': event.detailType,
    detail: event.detail,
  });
}

/** Wraps a store so that the first two stock reads both finish before either returns. */
function racingStore(store: InventoryStore) {
  const reads: number[] = [];
  let release: () => void = () => undefined;
  const bothRead = new Promise<void>((resolve) => {
    release = resolve;
  });
  const wrapped: InventoryStore = {
    ...store,
    readStock: async (skus) => {
      const levels = await store.readStock(skus);
      reads.push(reads.length + 1);
      if (reads.length <= 2) {
        if (reads.length === 2) {
          release();
        }
        await bothRead;
      }

      return levels;
    },
  };

  return { wrapped, reads };
}

describe('stock streams under racing orders', () => {
  it('commits one of two appends at one version', async () => {
    const store = createDynamoInventoryStore(dynamoDb, tables.inventoryTable);
    const sku = await skuWithStock(5);
    const levels = await store.readStock([sku]);
    const lines = [{ sku, quantity: 1 }];
    const outcome = (orderId: string) => ({
      source: 'shop.inventory',
      detailType: 'StockReserved',
      detail: { metadata: orderCreated(sku).detail.metadata, data: { orderId, items: lines } },
    });

    const results = await Promise.all(
      [randomUUID(), randomUUID()].map((orderId) => store.reserve(orderId, lines, levels, outcome(orderId), randomUUID())),
    );

    expect(results.sort()).toEqual(['conflict', 'reserved']);
    expect((await store.readStock([sku])).get(sku)).toEqual({ available: 4, version: 2 });
  });

  it('makes the loser read again and reject', async () => {
    const { wrapped, reads } = racingStore(createDynamoInventoryStore(dynamoDb, tables.inventoryTable));
    const sku = await skuWithStock(1);
    const deps = { logger, store: wrapped, newId: randomId, now: systemClock };
    const events = [orderCreated(sku), orderCreated(sku)];

    await Promise.all(events.map((event, index) => handleOrderEvent(deps, event, `message-${index}`)));

    const outcomes = await Promise.all(
      events.map(async (event) => (await wrapped.findReservation(event.detail.data.orderId))?.status),
    );
    expect(outcomes.sort()).toEqual(['REJECTED', 'RESERVED']);
    expect(reads).toHaveLength(3);
    expect((await wrapped.readStock([sku])).get(sku)).toEqual({ available: 0, version: 2 });
  });
});
