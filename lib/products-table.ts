import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { Money, Sku } from '../schemas/common';
import { InvalidStoredItemError } from './errors';

/** An item of the products table, keyed by `sku`. */
export const ProductItem = z.object({
  sku: Sku,
  name: z.string().min(1),
  price: Money,
  available: z.int().nonnegative(),
  version: z.int().nonnegative().optional(),
});
export type ProductItem = z.infer<typeof ProductItem>;

/** BatchGetItem accepts at most 100 keys per call. */
const MAX_KEYS_PER_BATCH_GET = 100;

/** Attempts per chunk while DynamoDB returns UnprocessedKeys. */
const MAX_BATCH_GET_ATTEMPTS = 5;

/** Reads the given products into a map by sku, which leaves out unknown skus. */
export async function batchGetProducts(
  client: DynamoDBDocumentClient,
  tableName: string,
  skus: readonly string[],
  options: { consistentRead: boolean },
): Promise<Map<string, ProductItem>> {
  const products = new Map<string, ProductItem>();
  const uniqueSkus = [...new Set(skus)];
  for (let start = 0; start < uniqueSkus.length; start += MAX_KEYS_PER_BATCH_GET) {
    const chunk = uniqueSkus.slice(start, start + MAX_KEYS_PER_BATCH_GET);
    const items = await batchGetChunk(client, tableName, chunk, options.consistentRead);
    for (const item of items) {
      const product = parseProduct(item);
      products.set(product.sku, product);
    }
  }

  return products;
}

async function batchGetChunk(
  client: DynamoDBDocumentClient,
  tableName: string,
  skus: readonly string[],
  consistentRead: boolean,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let keys: Record<string, unknown>[] = skus.map((sku) => ({ sku }));
  for (let attempt = 1; keys.length > 0; attempt += 1) {
    if (attempt > MAX_BATCH_GET_ATTEMPTS) {
      throw new Error(
        `BatchGetItem left ${keys.length} key(s) of ${tableName} unprocessed ` +
          `after ${MAX_BATCH_GET_ATTEMPTS} attempts`,
      );
    }
    const output = await client.send(
      new BatchGetCommand({
        RequestItems: { [tableName]: { Keys: keys, ConsistentRead: consistentRead } },
      }),
    );
    items.push(...(output.Responses?.[tableName] ?? []));
    keys = output.UnprocessedKeys?.[tableName]?.Keys ?? [];
    if (keys.length > 0) {
      await delay(50 * 2 ** attempt);
    }
  }

  return items;
}

/** Reads every product, sorted by sku. */
export async function scanProducts(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<ProductItem[]> {
  const products: ProductItem[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }),
    );
    for (const item of page.Items ?? []) {
      products.push(parseProduct(item));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  return products.sort((left, right) => compareStrings(left.sku, right.sku));
}

function parseProduct(item: Record<string, unknown>): ProductItem {
  const result = ProductItem.safeParse(item);
  if (!result.success) {
    throw new InvalidStoredItemError(`Product item ${String(item['sku'])} is invalid`, {
      cause: result.error,
    });
  }

  return result.data;
}

function compareStrings(left: string, right: string): number {
  if (left === right) {
    return 0;
  }

  return left < right ? -1 : 1;
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
