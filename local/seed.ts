import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { readSeedFile, seedProducts } from '../scripts/seed-products';
import type { LocalResources } from './cloudformation/template';

/** Loads the seed catalog into the table whose logical id is ProductsTable. */
export async function seedCatalog(resources: LocalResources, endpoint: string, region: string): Promise<void> {
  const table = resources.tables.find((candidate) => candidate.logicalId === 'ProductsTable');
  if (!table) {
    throw new Error('The template has no ProductsTable, so the catalog cannot be seeded.');
  }
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region, endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
  );
  await seedProducts(client, table.definition.TableName, await readSeedFile());
}
