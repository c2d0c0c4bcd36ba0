import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';

import { seedProducts } from '../../scripts/seed-products';
import { toAttributeValue } from '../unit/support/stream-records';
import { eventually, localClients, uniqueName } from '../support/aws';
import { api, postOrder, settledOrder } from '../support/http';

const { dynamoDb } = localClients();
const lambda = new LambdaClient({
  region: inject('region'),
  endpoint: inject('lambdaEndpoint'),
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});

async function streamItems(tableName: string, streamId: string) {
  const output = await dynamoDb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'streamId = :streamId',
      ExpressionAttributeValues: { ':streamId': streamId },
    }),
  );

  return output.Items ?? [];
}

/** Invokes a projection with INSERT records of the given items, as a stream mapping does. */
async function redeliver(functionName: string, items: Record<string, unknown>[]) {
  const records = items.map((item, index) => ({
    eventID: String(index),
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: { streamId: { S: item['streamId'] }, version: { N: String(item['version']) } },
      NewImage: toAttributeValue(item).M,
      SequenceNumber: String(1_000 + index),
      StreamViewType: 'NEW_IMAGE',
    },
  }));
  const output = await lambda.send(
    new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify({ Records: records }) }),
  );

  return JSON.parse(Buffer.from(output.Payload ?? []).toString('utf8'));
}

async function views(orderId: string, customerId: string) {
  const order = await api(`/orders/${orderId}`);
  const list = await api(`/orders?customerId=${encodeURIComponent(customerId)}`);
  const products = await api('/products');

  return { order: order.body, list: list.body, products: products.body };
}

let sku = '';

beforeAll(async () => {
  const products = await api('/products');
  sku = (products.body as { sku: string }[])[0]?.sku as string;
});

describe('read models', () => {
  it('lists a customer orders newest first', async () => {
    const customerId = uniqueName('list-customer');
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const created = await postOrder({ customerId, items: [{ sku, quantity: 1 }], payment: { token: 'tok_visa' } });
      ids.push(created.body.orderId);
    }
    const listed = await eventually(async () => {
      const response = await api(`/orders?customerId=${customerId}`);

      return response.body.orders?.length === 3 ? response.body : undefined;
    }, 20_000, 'three orders in the customer list');

    expect(listed.orders.map((order: { orderId: string }) => order.orderId)).toEqual([...ids].reverse());
  });

  it('pages the customer list with nextToken', async () => {
    const customerId = uniqueName('page-customer');
    for (let index = 0; index < 3; index += 1) {
      await postOrder({ customerId, items: [{ sku, quantity: 1 }], payment: { token: 'tok_visa' } });
    }
    await eventually(async () => {
      const response = await api(`/orders?customerId=${customerId}`);

      return response.body.orders?.length === 3 ? true : undefined;
    }, 20_000, 'three orders in the customer list');

    const first = await api(`/orders?customerId=${customerId}&limit=2`);
    const second = await api(`/orders?customerId=${customerId}&limit=2&nextToken=${first.body.nextToken}`);

    expect(first.body.orders).toHaveLength(2);
    expect(typeof first.body.nextToken).toBe('string');
    expect(second.body.orders).toHaveLength(1);
    expect(second.body.nextToken).toBeUndefined();
  });

  it('rejects a list request without customerId', async () => {
    const response = await api('/orders');

    expect(response.status).toBe(400);
  });

  it('rejects a malformed nextToken', async () => {
    const response = await api('/orders?customerId=c-1&nextToken=not-a-token');

    expect(response.status).toBe(400);
    expect(response.body.issues[0].path).toBe('queryStringParameters.nextToken');
  });

  it('rejects a nextToken of another customer', async () => {
    const key = { customerId: 'c-other', orderId: 'o', createdAt: '2025-01-01T00:00:00.000Z' };
    const token = Buffer.from(JSON.stringify(key)).toString('base64url');
    const response = await api(`/orders?customerId=c-1&nextToken=${token}`);

    expect(response.status).toBe(400);
  });

  it('keeps every view unchanged when events are redelivered', async () => {
    const customerId = uniqueName('redeliver-customer');
    const ownSku = uniqueName('REDELIVER').toUpperCase();
    const product = { sku: ownSku, name: 'Redelivered', price: { amount: 700, currency: 'EUR' }, stock: 5 };
    const tables = { productsTable: 'shop-test-products', inventoryTable: 'shop-test-inventory' };
    await seedProducts(dynamoDb, tables, [product]);
    const created = await postOrder({ customerId, items: [{ sku: ownSku, quantity: 2 }], payment: { token: 'tok_visa' } });
    const orderId = created.body.orderId as string;
    await settledOrder(orderId, 30_000);
    await eventually(async () => {
      const products = (await api('/products')).body as { sku: string; available: number }[];
      const listed = (await api(`/orders?customerId=${customerId}`)).body;
      const stockDone = products.find((item) => item.sku === ownSku)?.available === 3;

      return stockDone && listed.orders?.[0]?.status === 'CONFIRMED' ? true : undefined;
    }, 20_000, 'the views to reflect every stored event');
    const orderEvents = await streamItems('shop-test-orders', `order#${orderId}`);
    const stockEvents = await streamItems('shop-test-inventory', `stock#${ownSku}`);
    const before = await views(orderId, customerId);

    const orders = await redeliver('shop-test-projectOrders', [...orderEvents, ...orderEvents.slice(0, 2)]);
    const stock = await redeliver('shop-test-projectStock', stockEvents);

    expect(orders.batchItemFailures).toEqual([]);
    expect(stock.batchItemFailures).toEqual([]);
    expect(await views(orderId, customerId)).toEqual(before);
  });
});
