import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

import { buildOrderViewItems, buildStockLevels } from '../scripts/rebuild-views';
import type { BenchResult } from './pattern-matching';
import { timeRebuildInDynamoDbLocal } from './rebuild-dynamodb';

const EVENT_COUNT = 10_000;
const SKU_COUNT = 50;

function metadata(occurredAt: string) {
  const id = randomUUID();

  return { eventId: id, correlationId: id, causationId: 'bench', occurredAt, schemaVersion: 1 };
}

/** Builds order streams of three events each (created, payment requested, confirmed). */
export function orderStreams(eventCount: number): Map<string, Record<string, unknown>[]> {
  const streams = new Map<string, Record<string, unknown>[]>();
  const price = { amount: 1500, currency: 'EUR' };
  for (let index = 0; index * 3 < eventCount; index += 1) {
    const orderId = randomUUID();
    const streamId = `order#${orderId}`;
    const at = new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString();
    const created = {
      orderId,
      customerId: `customer-${index % 100}`,
      items: [{ sku: 'MUG-01', quantity: 2, unitPrice: price }],
      total: { amount: 3000, currency: 'EUR' },
      paymentToken: 'tok_visa',
    };
    const { customerId } = created;
    const requested = { orderId, customerId, amount: created.total, paymentToken: 'tok_visa' };
    const confirmed = { orderId, customerId };
    streams.set(streamId, [
      { streamId, version: 1, type: 'OrderCreated', data: created, metadata: metadata(at) },
      { streamId, version: 2, type: 'PaymentRequested', data: requested, metadata: metadata(at) },
      { streamId, version: 3, type: 'OrderConfirmed', data: confirmed, metadata: metadata(at) },
    ]);
  }

  return streams;
}

/** Builds stock streams over SKU_COUNT skus: StockAdded, then alternating reserve and release. */
export function stockStreams(eventCount: number): Map<string, Record<string, unknown>[]> {
  const streams = new Map<string, Record<string, unknown>[]>();
  const at = new Date(Date.UTC(2025, 0, 1)).toISOString();
  for (let index = 0; index < eventCount; index += 1) {
    const sku = `SKU-${index % SKU_COUNT}`;
    const streamId = `stock#${sku}`;
    const items = streams.get(streamId) ?? [];
    const version = items.length + 1;
    const move = version % 2 === 0 ? 'StockReserved' : 'StockReleased';
    const event =
      version === 1
        ? { type: 'StockAdded', data: { sku, quantity: 1_000 } }
        : { type: move, data: { sku, quantity: 1, orderId: `order-${index}` } };
    items.push({ streamId, version, ...event, metadata: metadata(at) });
    streams.set(streamId, items);
  }

  return streams;
}

function eventsPerSecond(eventCount: number, run: () => void): number {
  run();
  const startedAt = performance.now();
  run();
  const seconds = (performance.now() - startedAt) / 1000;

  return Math.round(eventCount / seconds);
}

/**
 * Times whole rebuilds (Scan, fold and writes) of 10,000 stored events in DynamoDB Local, and
 * measures how fast the fold alone runs in memory, for the order views and the stock view.
 */
export async function benchRebuild(): Promise<BenchResult[]> {
  const orders = orderStreams(EVENT_COUNT);
  const stock = stockStreams(EVENT_COUNT);

  const [ordersSeconds, stockSeconds] = await timeRebuildInDynamoDbLocal(orders, stock);

  return [
    { name: 'npm run rebuild -- orders, 10,000 events in DynamoDB Local', value: Number(ordersSeconds.toFixed(2)), unit: 's' },
    { name: 'npm run rebuild -- stock, 10,000 events in DynamoDB Local', value: Number(stockSeconds.toFixed(2)), unit: 's' },
    {
      name: 'rebuild fold, order views (10,000 events)',
      value: eventsPerSecond(EVENT_COUNT, () => buildOrderViewItems(orders)),
      unit: 'events/s',
    },
    {
      name: 'rebuild fold, stock view (10,000 events)',
      value: eventsPerSecond(EVENT_COUNT, () => buildStockLevels(stock)),
      unit: 'events/s',
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchRebuild().then((results) => process.stdout.write(`${JSON.stringify(results, null, 2)}\n`));
}
