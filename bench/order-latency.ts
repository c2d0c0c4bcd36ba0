import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { ephemeralConfig } from '../local/ephemeral';
import { createLogger } from '../local/log';
import { startLocalStack } from '../local/stack';
import { seedCatalog } from '../local/seed';
import { readSeedFile } from '../scripts/seed-products';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

const serviceDir = fileURLToPath(new URL('..', import.meta.url));
const orderCount = 100;
const concurrency = 10;
// Each poll is a GET /orders/{id} invocation, so polling faster would load the stack it measures.
const pollIntervalMs = 25;

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);

  return sorted[Math.max(0, index)] as number;
}

async function placeAndWait(httpUrl: string, sku: string): Promise<number> {
  const startedAt = performance.now();
  const response = await fetch(`${httpUrl}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId: 'bench', items: [{ sku, quantity: 1 }], payment: { token: 'tok_bench' } }),
  });
  const { orderId } = (await response.json()) as { orderId: string };
  for (;;) {
    const view = (await (await fetch(`${httpUrl}/orders/${orderId}`)).json()) as { status: string };
    if (view.status === 'CONFIRMED') {
      return performance.now() - startedAt;
    }
    if (view.status === 'CANCELLED') {
      throw new Error(`Benchmark order ${orderId} was cancelled; the latency run needs enough stock.`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}

/** Starts the local stack, then times POST /orders until CONFIRMED for 100 orders, 10 at a time. */
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
    const skus = (await readSeedFile()).map((product) => product.sku);
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({
      endpoint: stack.endpoint,
      region: config.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }));
    for (const sku of skus) {
      await documents.send(
        new UpdateCommand({
          TableName: `shop-${config.stage}-products`,
          Key: { sku },
          UpdateExpression: 'SET available = :plenty',
          ExpressionAttributeValues: { ':plenty': orderCount * 10 },
        }),
      );
    }
    // One round at full concurrency first, so every function has warm instances.
    await Promise.all(skus.slice(0, concurrency).map((sku) => placeAndWait(stack.httpUrl, sku)));
    const latencies: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < orderCount) {
        const index = next++;
        latencies.push(await placeAndWait(stack.httpUrl, skus[index % skus.length] as string));
      }
    };
    const runStartedAt = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const runSeconds = (performance.now() - runStartedAt) / 1000;
    latencies.sort((a, b) => a - b);

    return [
      { name: 'npm start to ready (this run, includes osls package)', value: Math.round(startupMs), unit: 'ms' },
      { name: `POST /orders to CONFIRMED p50 (${orderCount} orders, ${concurrency} at a time)`, value: Math.round(percentile(latencies, 0.5)), unit: 'ms' },
      { name: `POST /orders to CONFIRMED p99 (${orderCount} orders, ${concurrency} at a time)`, value: Math.round(percentile(latencies, 0.99)), unit: 'ms' },
      { name: 'orders confirmed per second', value: Number((orderCount / runSeconds).toFixed(1)), unit: 'orders/s' },
    ];
  } finally {
    await stack.stop();
    await rm(config.dataDir, { recursive: true, force: true });
  }
}
