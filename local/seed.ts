import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { readSeedFile, seedProducts } from '../scripts/seed-products';
import type { LocalResources } from './cloudformation/template';

function tableName(resources: LocalResources, logicalId: string): string {
  const table = resources.tables.find((candidate) => candidate.logicalId === logicalId);
  if (!table) {
    throw new Error(`The template has no ${logicalId}, so the catalog cannot be seeded.`);
  }

  return table.definition.TableName;
}

/**
 * Loads the seed catalog into ProductsTable and its starting stock, as StockAdded
 * events, into InventoryTable.
 */
export async function seedCatalog(resources: LocalResources, endpoint: string, region: string): Promise<void> {
  const tables = {
    productsTable: tableName(resources, 'ProductsTable'),
    inventoryTable: tableName(resources, 'InventoryTable'),
  };
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region, endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
  );
  await seedProducts(client, tables, await readSeedFile());
}
