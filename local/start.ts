import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readSeedFile, seedProducts } from '../scripts/seed-products';
import type { LocalResources } from './cloudformation/template';
import { readLocalConfig } from './config';
import { createLogger } from './log';
import { startLocalStack } from './stack';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

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

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = readLocalConfig();
  const logger = createLogger('local');
  const stack = await startLocalStack({
    config,
    serviceDir,
    logger,
    seed: (resources, endpoint) => seedCatalog(resources, endpoint, config.region),
    onFunctionOutput: (line) => process.stdout.write(`${line}\n`),
  });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  process.stdout.write(
    [
      '',
      `Local shop ready in ${seconds} s.`,
      `  HTTP API      ${stack.httpUrl}   (try: curl ${stack.httpUrl}/products)`,
      `  AWS endpoint  ${stack.endpoint}   (export AWS_ENDPOINT_URL=${stack.endpoint})`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info('stopping', { signal });
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

// Start only when run as a program: the test setup imports seedCatalog from this module.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`Local start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
