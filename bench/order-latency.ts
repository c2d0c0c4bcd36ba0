import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { ephemeralConfig } from '../local/ephemeral';
import { createLogger } from '../local/log';
import { startLocalStack } from '../local/stack';
import { seedCatalog } from '../local/seed';
import { seedProducts } from '../scripts/seed-products';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const serviceDir = fileURLToPath(new URL('..', import.meta.url));
const orderCount = 100;
const concurrency = 10;
const pollIntervalMs = 10;

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);

  return sorted[Math.max(0, index)] as number;
}

/** Waits until GET /products lists every sku, because the stock view is a projection. */
async function waitForStockView(httpUrl: string, skus: string[]): Promise<void> {
  for (;;) {
    const listed = (await (await fetch(`${httpUrl}/products`)).json()) as { sku: string }[];
    if (skus.every((sku) => listed.some((product) => product.sku === sku))) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Places one order and returns the milliseconds until its view shows CONFIRMED. The view is
 * what GET /orders/{id} returns; reading it from DynamoDB instead of through the HTTP API
 * keeps the polling from loading the functions under measurement.
 */
async function placeAndWait(target: Target, sku: string): Promise<number> {
  const startedAt = performance.now();
  const response = await fetch(`${target.httpUrl}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId: 'bench', items: [{ sku, quantity: 1 }], payment: { token: 'tok_bench' } }),
  });
  const { orderId } = (await response.json()) as { orderId: string };
  for (;;) {
    const { Item: view } = await target.documents.send(
      new GetCommand({ TableName: target.orderViewsTable, Key: { orderId } }),
    );
    if (view?.status === 'CONFIRMED') {
      return performance.now() - startedAt;
    }
    if (view?.status === 'CANCELLED') {
      throw new Error(`Benchmark order ${orderId} was cancelled; the latency run needs enough stock.`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}

interface Target {
  httpUrl: string;
  documents: DynamoDBDocumentClient;
  orderViewsTable: string;
}

interface Timing {
  latencies: number[];
  seconds: number;
}

/** Places `count` orders with `inFlight` open at once; returns the sorted latencies. */
async function timeOrders(target: Target, skus: string[], count: number, inFlight: number): Promise<Timing> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      latencies.push(await placeAndWait(target, skus[index % skus.length] as string));
    }
  };
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - startedAt) / 1000;

  return { latencies: latencies.sort((a, b) => a - b), seconds };
}

function latencyResults(timing: Timing, count: number, inFlight: number): BenchResult[] {
  const label = `${count} orders, ${inFlight} at a time`;

  return [
    { name: `POST /orders to CONFIRMED p50 (${label})`, value: Math.round(percentile(timing.latencies, 0.5)), unit: 'ms' },
    { name: `POST /orders to CONFIRMED p99 (${label})`, value: Math.round(percentile(timing.latencies, 0.99)), unit: 'ms' },
    { name: `orders confirmed per second (${label})`, value: Number((count / timing.seconds).toFixed(1)), unit: 'orders/s' },
  ];
}

/**
 * Starts the local stack, then times POST /orders until CONFIRMED: 20 orders one at a time,
 * then 100 orders 10 at a time.
 */
export async function benchOrderLatency(): Promise<BenchResult[]> {
  const config = await ephemeralConfig('bench');
  const startedAt = performance.now();
  const stack = await startLocalStack({
    config,
    serviceDir,
    logger: createLogger('bench', 30),
    seed: (resources, endpoint) => seedCatalog(resources, endpoint, config.region),
  });
  const startupMs = performance.now() - startedAt;
  try {
    // Products of the benchmark's own, with stock for every order, seeded as StockAdded events.
    const products = Array.from({ length: 5 }, (_, index) => ({
      sku: `BENCH-${index + 1}`,
      name: `Benchmark product ${index + 1}`,
      price: { amount: 100, currency: 'EUR' },
      stock: orderCount * 10,
    }));
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: stack.endpoint,
        region: config.region,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      }),
    );
    await seedProducts(
      documents,
      { productsTable: `shop-${config.stage}-products`, inventoryTable: `shop-${config.stage}-inventory` },
      products,
    );
    const skus = products.map((product) => product.sku);
    await waitForStockView(stack.httpUrl, skus);
    const target = { httpUrl: stack.httpUrl, documents, orderViewsTable: `shop-${config.stage}-order-views` };
    // One round at full concurrency first, so every function has warm instances.
    await Promise.all(Array.from({ length: concurrency }, (_, index) => placeAndWait(target, skus[index % skus.length] as string)));
    const sequential = await timeOrders(target, skus, 20, 1);
    const concurrent = await timeOrders(target, skus, orderCount, concurrency);

    return [
      { name: 'npm start to ready (this run, includes osls package)', value: Math.round(startupMs), unit: 'ms' },
      ...latencyResults(sequential, 20, 1),
      ...latencyResults(concurrent, orderCount, concurrency),
    ];
  } finally {
    await stack.stop();
    await rm(config.dataDir, { recursive: true, force: true });
  }
}
