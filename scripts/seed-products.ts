import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** One catalog entry of the seed file, with the stock it starts with. */
export interface SeedProduct {
  sku: string;
  name: string;
  price: { amount: number; currency: string };
  stock: number;
}

export const defaultSeedFile = fileURLToPath(new URL('../seed/products.json', import.meta.url));

export async function readSeedFile(path = defaultSeedFile): Promise<SeedProduct[]> {
  return JSON.parse(await readFile(path, 'utf8')) as SeedProduct[];
}

/** Writes each product with `available` set to its starting stock, replacing what was there. */
export async function seedProducts(client: DynamoDBDocumentClient, tableName: string, products: SeedProduct[]): Promise<void> {
  for (let start = 0; start < products.length; start += 25) {
    const chunk = products.slice(start, start + 25);
    let pending: Record<string, unknown>[] | undefined = chunk.map((product) => ({
      PutRequest: {
        Item: { sku: product.sku, name: product.name, price: product.price, available: product.stock, version: 0 },
      },
    }));
    for (let attempt = 0; pending && pending.length > 0 && attempt < 5; attempt += 1) {
      const response = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
      pending = response.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
    }
    if (pending && pending.length > 0) {
      throw new Error(`Seeding ${tableName} left ${pending.length} products unwritten after 5 attempts.`);
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { table: { type: 'string' }, file: { type: 'string' } },
  });
  if (!values.table) {
    throw new Error('Missing --table: name the products table, e.g. --table shop-dev-products.');
  }
  const products = await readSeedFile(values.file);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  await seedProducts(client, values.table, products);
  process.stdout.write(`Seeded ${products.length} products into ${values.table}.\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
