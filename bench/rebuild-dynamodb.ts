import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { createLogger } from '../local/log';
import { startDynamoDbLocal } from '../local/processes/dynamodb-local';
import { findFreePort } from '../local/processes/ports';
import { rebuildProjection, stageTables } from '../scripts/rebuild-views';

const tables = stageTables('bench');

function table(name: string, keys: [string, 'S' | 'N', 'HASH' | 'RANGE'][]): CreateTableCommandInput {
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keys.map(([attribute, type]) => ({ AttributeName: attribute, AttributeType: type })),
    KeySchema: keys.map(([attribute, , keyType]) => ({ AttributeName: attribute, KeyType: keyType })),
  };
}

async function writeAll(client: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    let pending = items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: item } }));
    while (pending.length > 0) {
      const response = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (response.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  await run();

  return (performance.now() - startedAt) / 1000;
}

/**
 * Starts DynamoDB Local, stores the given order and stock streams in event store tables
 * shaped as infra/tables.yml declares them, and returns the seconds that
 * `npm run rebuild -- orders` and `-- stock` take over them.
 */
export async function timeRebuildInDynamoDbLocal(
  orders: Map<string, Record<string, unknown>[]>,
  stock: Map<string, Record<string, unknown>[]>,
): Promise<[number, number]> {
  const port = await findFreePort();
  const dynamoDb = await startDynamoDbLocal(port, createLogger('bench-rebuild', 100));
  try {
    const raw = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const client = DynamoDBDocumentClient.from(raw);
    const eventStore: [string, 'S' | 'N', 'HASH' | 'RANGE'][] = [
      ['streamId', 'S', 'HASH'],
      ['version', 'N', 'RANGE'],
    ];
    for (const definition of [
      table(tables.ordersTable, eventStore),
      table(tables.inventoryTable, eventStore),
      table(tables.orderViewsTable, [['orderId', 'S', 'HASH']]),
      table(tables.productsTable, [['sku', 'S', 'HASH']]),
    ]) {
      await raw.send(new CreateTableCommand(definition));
    }
    await writeAll(client, tables.ordersTable, [...orders.values()].flat());
    await writeAll(client, tables.inventoryTable, [...stock.values()].flat());

    return [
      await timed(() => rebuildProjection('orders', client, tables)),
      await timed(() => rebuildProjection('stock', client, tables)),
    ];
  } finally {
    await dynamoDb.stop();
  }
}
