import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

/** The products table (catalog and stock view) and the inventory event store. */
export interface SeedTables {
  productsTable: string;
  inventoryTable: string;
}

export const defaultSeedFile = fileURLToPath(new URL('../seed/products.json', import.meta.url));

export async function readSeedFile(path = defaultSeedFile): Promise<SeedProduct[]> {
  return JSON.parse(await readFile(path, 'utf8')) as SeedProduct[];
}

/**
 * Writes each product's catalog data, and appends StockAdded with its starting stock at
 * version 1 of its stock stream. The append is conditional, so seeding again changes no
 * stock, and the stock view keeps the units its projection counted. Returns the skus
 * whose stock was added by this call.
 */
export async function seedProducts(
  client: DynamoDBDocumentClient,
  tables: SeedTables,
  products: readonly SeedProduct[],
): Promise<string[]> {
  const added: string[] = [];
  for (const product of products) {
    await putCatalogEntry(client, tables.productsTable, product);
    if (await appendStockAdded(client, tables.inventoryTable, product)) {
      added.push(product.sku);
    }
  }

  return added;
}

async function putCatalogEntry(
  client: DynamoDBDocumentClient,
  tableName: string,
  product: SeedProduct,
): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { sku: product.sku },
      UpdateExpression:
        'SET #name = :name, price = :price, ' +
        'available = if_not_exists(available, :zero), version = if_not_exists(version, :zero)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':name': product.name, ':price': product.price, ':zero': 0 },
    }),
  );
}

async function appendStockAdded(
  client: DynamoDBDocumentClient,
  tableName: string,
  product: SeedProduct,
): Promise<boolean> {
  const metadata = {
    eventId: randomUUID(),
    correlationId: randomUUID(),
    causationId: 'seed',
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
  };
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          streamId: `stock#${product.sku}`,
          version: 1,
          type: 'StockAdded',
          data: { sku: product.sku, quantity: product.stock },
          metadata,
        },
        ConditionExpression: 'attribute_not_exists(#version)',
        ExpressionAttributeNames: { '#version': 'version' },
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
      return false;
    }
    throw error;
  }

  return true;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'products-table': { type: 'string' },
      'inventory-table': { type: 'string' },
      file: { type: 'string' },
    },
  });
  const productsTable = values['products-table'];
  const inventoryTable = values['inventory-table'];
  if (!productsTable || !inventoryTable) {
    throw new Error(
      'Missing --products-table or --inventory-table, e.g. ' +
        '--products-table shop-dev-products --inventory-table shop-dev-inventory.',
    );
  }
  const products = await readSeedFile(values.file);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const added = await seedProducts(client, { productsTable, inventoryTable }, products);
  process.stdout.write(
    `Seeded ${products.length} products into ${productsTable}; ` +
      `stock added for ${added.length} of them in ${inventoryTable}.\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
