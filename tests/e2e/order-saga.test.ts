import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';

import { seedProducts } from '../../scripts/seed-products';
import { eventually, localClients, uniqueName } from '../support/aws';
import { api, availableOf, notificationsOf, postOrder, settledOrder } from '../support/http';

const { dynamoDb } = localClients();
const tables = {
  orders: 'shop-test-orders',
  products: 'shop-test-products',
  payments: 'shop-test-payments',
  inventory: 'shop-test-inventory',
};

let skus: string[] = [];

beforeAll(async () => {
  // The stock view is a projection of the seeded StockAdded events, so it fills in shortly
  // after the stack starts.
  const products = await eventually(async () => {
    const response = await api('/products');
    const list = response.body as { sku: string; available: number }[];

    return list.length > 0 && list.every((product) => product.available > 0) ? list : undefined;
  }, 30_000, 'the seeded stock in GET /products');
  skus = products.map((product) => product.sku);
});

/**
 * Starts `count` warm instances of the createOrder function before a burst. serverless-offline
 * runs each concurrent request in its own worker thread, and on a 2-core machine more than
 * about ten cold starts at once can pass the 10 s function timeout. Malformed JSON is rejected
 * before any read or write, so these requests store nothing. Each wave adds at most ten
 * workers, because an idle worker is reused before a new one starts.
 */
async function warmCreateOrder(count: number): Promise<void> {
  for (let wave = 10; wave < count + 10; wave += 10) {
    await Promise.all(Array.from({ length: Math.min(wave, count) }, () => postOrder('{')));
  }
}

/** Waits until GET /products shows the given units of a sku. */
function stockReaches(sku: string, units: number, timeoutMs = 15_000) {
  return eventually(
    async () => ((await availableOf(sku)) === units ? true : undefined),
    timeoutMs,
    `${units} units of ${sku} in GET /products`,
  );
}

function order(sku: string, quantity: number, token = 'tok_visa') {
  return { customerId: 'customer-1', items: [{ sku, quantity }], payment: { token } };
}

async function oneNotification(orderId: string) {
  return eventually(async () => {
    const notifications = await notificationsOf(orderId);

    return notifications.length > 0 ? notifications : undefined;
  }, 15_000, `a notification for ${orderId}`);
}

async function orderTableSize(): Promise<number> {
  const response = await dynamoDb.send(new ScanCommand({ TableName: tables.orders, Select: 'COUNT' }));

  return response.Count ?? 0;
}

describe('GET /products', () => {
  it('lists the seeded catalog', async () => {
    const response = await api('/products');

    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThanOrEqual(5);
    for (const product of response.body) {
      expect(Number.isInteger(product.price.amount)).toBe(true);
      expect(typeof product.price.currency).toBe('string');
      expect(typeof product.name).toBe('string');
      expect(product.available).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('order saga', () => {
  it('confirms an order with stock and an approved payment', async () => {
    const sku = skus[0] as string;
    const before = await availableOf(sku);

    const created = await postOrder(order(sku, 2));

    expect(created.status).toBe(201);
    expect(created.body.status).toBe('PENDING');
    expect(created.headers.get('location')).toBe(`/orders/${created.body.orderId}`);
    const settled = await settledOrder(created.body.orderId);
    expect(settled.status).toBe('CONFIRMED');
    expect(settled.customerId).toBe('customer-1');
    expect(settled.items).toEqual([expect.objectContaining({ sku, quantity: 2 })]);
    expect(settled.total.amount).toBe(2 * settled.items[0].unitPrice.amount);
    await stockReaches(sku, before - 2);
    expect(await availableOf(sku)).toBe(before - 2);
    const notifications = await oneNotification(created.body.orderId);
    expect(notifications).toEqual([
      expect.objectContaining({ orderId: created.body.orderId, customerId: 'customer-1', kind: 'OrderConfirmed' }),
    ]);
  });

  it('cancels an order beyond available stock', async () => {
    const sku = skus[1] as string;
    const before = await availableOf(sku);

    const created = await postOrder({
      customerId: 'customer-2',
      items: [{ sku: skus[2], quantity: 1 }, { sku, quantity: before + 1 }],
      payment: { token: 'tok_visa' },
    });

    expect(created.status).toBe(201);
    const settled = await settledOrder(created.body.orderId);
    expect(settled.status).toBe('CANCELLED');
    expect(settled.cancellationReason).toBe('out_of_stock');
    expect(await availableOf(sku)).toBe(before);
    const payment = await dynamoDb.send(new GetCommand({ TableName: tables.payments, Key: { orderId: created.body.orderId } }));
    expect(payment.Item).toBeUndefined();
    const notifications = await oneNotification(created.body.orderId);
    expect(notifications.map((notification) => notification.kind)).toEqual(['OrderCancelled']);
  });

  it('cancels a declined payment and releases the stock', async () => {
    const sku = skus[2] as string;
    const before = await availableOf(sku);

    const created = await postOrder(order(sku, 3, 'tok_declined'));

    const settled = await settledOrder(created.body.orderId);
    expect(settled.status).toBe('CANCELLED');
    expect(settled.cancellationReason).toBe('payment_declined');
    await stockReaches(sku, before);
    expect(await availableOf(sku)).toBe(before);
    const notifications = await oneNotification(created.body.orderId);
    expect(notifications.map((notification) => notification.kind)).toEqual(['OrderCancelled']);
  });

  it.each([20, 50])('never oversells 10 units to %i concurrent orders', async (count) => {
    const sku = uniqueName('LAST-UNITS').toUpperCase();
    const product = { sku, name: 'Last units', price: { amount: 500, currency: 'EUR' }, stock: 10 };
    await seedProducts(dynamoDb, { productsTable: tables.products, inventoryTable: tables.inventory }, [product]);
    await stockReaches(sku, 10);
    await warmCreateOrder(count);

    const created = await Promise.all(Array.from({ length: count }, () => postOrder(order(sku, 1))));

    expect(created.map((response) => response.status)).toEqual(Array(count).fill(201));
    const settled = await Promise.all(created.map((response) => settledOrder(response.body.orderId, 120_000)));
    const confirmed = settled.filter((view) => view.status === 'CONFIRMED');
    const cancelled = settled.filter((view) => view.status === 'CANCELLED');
    expect(confirmed).toHaveLength(10);
    expect(cancelled).toHaveLength(count - 10);
    expect(cancelled.every((view) => view.cancellationReason === 'out_of_stock')).toBe(true);
    await stockReaches(sku, 0);
    expect(await availableOf(sku)).toBe(0);
  }, 240_000);
});

describe('POST /orders input', () => {
  const badRequests: [string, unknown, string][] = [
    ['malformed JSON', '{"customerId": ', ''],
    ['missing customerId', { items: [{ sku: 'x', quantity: 1 }], payment: { token: 't' } }, 'customerId'],
    ['missing payment', { customerId: 'c', items: [{ sku: 'x', quantity: 1 }] }, 'payment'],
    ['empty items', { customerId: 'c', items: [], payment: { token: 't' } }, 'items'],
    ['zero quantity', { customerId: 'c', items: [{ sku: 'SKU', quantity: 0 }], payment: { token: 't' } }, 'items.0.quantity'],
    ['fractional quantity', { customerId: 'c', items: [{ sku: 'SKU', quantity: 1.5 }], payment: { token: 't' } }, 'items.0.quantity'],
    ['string quantity', { customerId: 'c', items: [{ sku: 'SKU', quantity: '2' }], payment: { token: 't' } }, 'items.0.quantity'],
    ['control character in customerId', { customerId: 'c\u0000d', items: [{ sku: 'SKU', quantity: 1 }], payment: { token: 't' } }, 'customerId'],
    ['huge quantity', { customerId: 'c', items: [{ sku: 'SKU', quantity: 9007199254740991 }], payment: { token: 't' } }, 'items.0.quantity'],
    ['unknown sku', { customerId: 'c', items: [{ sku: 'NO-SUCH-SKU', quantity: 1 }], payment: { token: 't' } }, 'items.0.sku'],
  ];

  it.each(badRequests)('rejects %s with 400 and stores nothing', async (_name, body, path) => {
    const sizeBefore = await orderTableSize();
    const resolved = JSON.parse(JSON.stringify(body).replaceAll('"SKU"', JSON.stringify(skus[0])));

    const response = await postOrder(typeof body === 'string' ? body : resolved);

    expect(response.status).toBe(400);
    expect(typeof response.body.message).toBe('string');
    expect(Array.isArray(response.body.issues)).toBe(true);
    if (path !== '') {
      expect(response.body.issues.map((issue: { path: string }) => issue.path)).toContain(path);
    }
    expect(await orderTableSize()).toBe(sizeBefore);
  });

  it('returns the same order for a repeated Idempotency-Key', async () => {
    const key = crypto.randomUUID();
    const body = order(skus[0] as string, 1);

    const first = await postOrder(body, { 'Idempotency-Key': key });
    const second = await postOrder(body, { 'Idempotency-Key': key });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.orderId).toBe(first.body.orderId);
    // Settled, so that its saga stores nothing while the next test counts stored items.
    await settledOrder(first.body.orderId);
  });

  it('rejects a reused Idempotency-Key with another body', async () => {
    const key = crypto.randomUUID();
    const first = await postOrder(order(skus[0] as string, 1), { 'Idempotency-Key': key });
    await settledOrder(first.body.orderId);
    const sizeBefore = await orderTableSize();

    const second = await postOrder(order(skus[0] as string, 2), { 'Idempotency-Key': key });

    expect(second.status).toBe(422);
    expect(typeof second.body.message).toBe('string');
    expect(await orderTableSize()).toBe(sizeBefore);
  });

  it('answers 404 for an unknown order', async () => {
    const response = await api(`/orders/${crypto.randomUUID()}`);

    expect(response.status).toBe(404);
  });
});
