import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

import { rebuildProjection, stageTables } from '../../scripts/rebuild-views';
import { seedProducts } from '../../scripts/seed-products';
import { eventually, localClients, uniqueName } from '../support/aws';
import { availableOf, postOrder, settledOrder } from '../support/http';

const { dynamoDb } = localClients();
const tables = stageTables('test');

async function customerViews(customerId: string) {
  const output = await dynamoDb.send(
    new QueryCommand({
      TableName: tables.customerOrdersTable,
      KeyConditionExpression: 'customerId = :customerId',
      ExpressionAttributeValues: { ':customerId': customerId },
      ConsistentRead: true,
    }),
  );

  return output.Items ?? [];
}

async function orderView(orderId: string) {
  const key = { orderId };
  const output = await dynamoDb.send(new GetCommand({ TableName: tables.orderViewsTable, Key: key, ConsistentRead: true }));

  return output.Item;
}

async function stockView(sku: string) {
  const key = { sku };
  const output = await dynamoDb.send(new GetCommand({ TableName: tables.productsTable, Key: key, ConsistentRead: true }));

  return output.Item;
}

/** Places a confirmed and a declined order for a new sku and waits for every view. */
async function settledOrders() {
  const customerId = uniqueName('rebuild-customer');
  const sku = uniqueName('REBUILD').toUpperCase();
  const product = { sku, name: 'Rebuilt', price: { amount: 300, currency: 'EUR' }, stock: 6 };
  await seedProducts(dynamoDb, { productsTable: tables.productsTable, inventoryTable: tables.inventoryTable }, [product]);
  await eventually(async () => ((await availableOf(sku)) === 6 ? true : undefined), 15_000, 'seeded stock');
  const tokens = ['tok_visa', 'tok_declined'];
  const created = await Promise.all(
    tokens.map((token) => postOrder({ customerId, items: [{ sku, quantity: 2 }], payment: { token } })),
  );
  const orderIds = created.map((response) => response.body.orderId as string);
  await Promise.all(orderIds.map((orderId) => settledOrder(orderId, 30_000)));
  await eventually(async () => ((await availableOf(sku)) === 4 ? true : undefined), 15_000, 'released stock');
  await eventually(async () => {
    const listed = await customerViews(customerId);

    return listed.every((item) => item['status'] !== 'PENDING') && listed.length === 2 ? true : undefined;
  }, 15_000, 'settled customer views');

  return { customerId, sku, orderIds };
}

describe('npm run rebuild', () => {
  it('rebuilds views equal to the live ones', async () => {
    const { customerId, sku, orderIds } = await settledOrders();
    const live = {
      orders: await Promise.all(orderIds.map(orderView)),
      customer: await customerViews(customerId),
      stock: await stockView(sku),
    };
    for (const orderId of orderIds) {
      await dynamoDb.send(new DeleteCommand({ TableName: tables.orderViewsTable, Key: { orderId } }));
      await dynamoDb.send(new DeleteCommand({ TableName: tables.customerOrdersTable, Key: { customerId, orderId } }));
    }
    await dynamoDb.send(
      new UpdateCommand({
        TableName: tables.productsTable,
        Key: { sku },
        UpdateExpression: 'SET available = :wrong, version = :zero',
        ExpressionAttributeValues: { ':wrong': 999, ':zero': 0 },
      }),
    );

    const summaries = await Promise.all([
      rebuildProjection('orders', dynamoDb, tables),
      rebuildProjection('customer-orders', dynamoDb, tables),
      rebuildProjection('stock', dynamoDb, tables),
    ]);

    expect(summaries.every((summary) => summary.written > 0)).toBe(true);
    expect(await Promise.all(orderIds.map(orderView))).toEqual(live.orders);
    expect(await customerViews(customerId)).toEqual(live.customer);
    expect(await stockView(sku)).toEqual(live.stock);
  });

  it('runs from the command line against the local endpoint', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const env = {
      ...process.env,
      AWS_ENDPOINT_URL: inject('awsEndpoint'),
      AWS_REGION: inject('region'),
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    };
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/rebuild.ts', 'stock', '--stage', 'test'], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });

    expect(result.status).toBe(0);
    expect(result.stderr).toContain('stock [##############################] 100%');
    expect(result.stdout).toMatch(/^Rebuilt stock of stage test: \d+ items/);
  });
});
