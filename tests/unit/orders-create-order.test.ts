import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hashCanonicalJson } from '../../functions/orders/adapters/idempotency';
import { buildCreateOrderHandler } from '../../functions/orders/handlers/create-order';
import type { Money } from '../../schemas/common';
import { CreateOrderRequest } from '../../schemas/orders-api';
import { lambdaContext, httpEvent, silentLogger } from './support/lambda';
import { InMemoryOrderStore } from './support/in-memory-order-store';
import { fixedClock, sequentialIds } from './support/runtime';

const catalog = new Map<string, Money>([
  ['MUG-01', { amount: 1500, currency: 'EUR' }],
  ['LAMP-01', { amount: 3450, currency: 'EUR' }],
]);

const validBody = {
  customerId: 'customer-1',
  items: [
    { sku: 'MUG-01', quantity: 2 },
    { sku: 'LAMP-01', quantity: 1 },
  ],
  payment: { token: 'tok_visa' },
};

let store: InMemoryOrderStore;
let newId: () => string;

function handler() {
  return buildCreateOrderHandler({
    logger: silentLogger(),
    store,
    findPrices: async (skus) =>
      new Map([...catalog].filter(([sku]) => skus.includes(sku))),
    newId,
    now: fixedClock,
  });
}

async function post(body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const event = httpEvent({ method: 'POST', path: '/orders', body: text, headers });
  const response = await handler()(event, lambdaContext());

  return { ...response, json: JSON.parse(response.body) };
}

beforeEach(() => {
  store = new InMemoryOrderStore();
  newId = sequentialIds();
});

describe('POST /orders', () => {
  it('returns 201 with the order id and status', async () => {
    const response = await post(validBody);

    expect(response.statusCode).toBe(201);
    expect(response.json).toEqual({
      orderId: '00000000-0000-4000-8000-000000000001',
      status: 'PENDING',
    });
  });

  it('sets the Location header', async () => {
    const response = await post(validBody);

    expect(response.headers?.['location']).toBe(`/orders/${response.json.orderId}`);
  });

  it('stores OrderCreated with catalog prices', async () => {
    const response = await post(validBody);
    const [stored] = (await store.load(response.json.orderId)).events;

    expect(stored?.type).toBe('OrderCreated');
    expect(stored?.data).toMatchObject({ total: { amount: 6450, currency: 'EUR' } });
  });

  it('ignores prices sent by the client', async () => {
    const items = [{ sku: 'MUG-01', quantity: 1, unitPrice: { amount: 1, currency: 'EUR' } }];
    const response = await post({ ...validBody, items });
    const [stored] = (await store.load(response.json.orderId)).events;

    expect(stored?.data).toMatchObject({ total: { amount: 1500 } });
  });

  it('stores OrderCreated for the outbox without the payment token', async () => {
    await post(validBody);
    const [event] = store.outbox;

    expect(event?.detailType).toBe('OrderCreated');
    expect(JSON.stringify(event)).not.toContain('tok_visa');
  });

  it('starts the saga with the request id as causation', async () => {
    await post(validBody);
    const metadata = store.outbox[0]?.detail.metadata;

    expect(metadata?.causationId).toBe('ZhNHJhhLjoEEPiw=');
    expect(metadata?.correlationId).toBe('00000000-0000-4000-8000-000000000002');
    expect(metadata?.schemaVersion).toBe(1);
  });
});

function withQuantity(quantity: unknown) {
  return { ...validBody, items: [{ sku: 'MUG-01', quantity }] };
}

describe('POST /orders validation', () => {
  const invalidBodies: [string, unknown, string][] = [
    ['missing customerId', { ...validBody, customerId: undefined }, 'customerId'],
    ['blank customerId', { ...validBody, customerId: '  ' }, 'customerId'],
    ['control character in customerId', { ...validBody, customerId: 'a\u0007b' }, 'customerId'],
    ['lone surrogate in customerId', { ...validBody, customerId: 'a\ud800b' }, 'customerId'],
    ['missing items', { ...validBody, items: undefined }, 'items'],
    ['empty items', { ...validBody, items: [] }, 'items'],
    ['missing payment', { ...validBody, payment: undefined }, 'payment'],
    ['missing payment token', { ...validBody, payment: {} }, 'payment.token'],
    ['missing sku', { ...validBody, items: [{ quantity: 1 }] }, 'items.0.sku'],
    ['missing quantity', { ...validBody, items: [{ sku: 'MUG-01' }] }, 'items.0.quantity'],
    ['zero quantity', withQuantity(0), 'items.0.quantity'],
    ['negative quantity', withQuantity(-1), 'items.0.quantity'],
    ['fractional quantity', withQuantity(1.5), 'items.0.quantity'],
    ['string quantity', withQuantity('2'), 'items.0.quantity'],
    ['array body', [validBody], ''],
    [
      'unknown sku',
      { ...validBody, items: [{ sku: 'MUG-01', quantity: 1 }, { sku: 'NOPE', quantity: 1 }] },
      'items.1.sku',
    ],
  ];

  it.each(invalidBodies)('rejects %s with 400 at its path', async (_name, body, path) => {
    const response = await post(body);

    expect(response.statusCode).toBe(400);
    expect(response.json.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  });

  it.each(invalidBodies)('stores and publishes nothing for %s', async (_name, body) => {
    await post(body);

    expect(store.appendCalls).toBe(0);
    expect(store.outbox).toEqual([]);
  });

  it('rejects malformed JSON with 400 and an issue', async () => {
    const response = await post('{"customerId": ');

    expect(response.statusCode).toBe(400);
    expect(response.json.message).toBe('Request body is not valid JSON');
    expect(response.json.issues).toHaveLength(1);
  });

  it('rejects a missing body with 400', async () => {
    const event = httpEvent({ method: 'POST', path: '/orders' });
    const response = await handler()(event, lambdaContext());

    expect(response.statusCode).toBe(400);
  });

  it('names the invalid paths in the message', async () => {
    const response = await post({ ...validBody, items: [{ sku: 'MUG-01', quantity: 0 }] });

    expect(response.json.message).toBe('Invalid request body: items.0.quantity');
  });

  it('names unknown skus in the issue message', async () => {
    const response = await post({ ...validBody, items: [{ sku: 'NOPE', quantity: 1 }] });

    expect(response.json.issues).toEqual([
      { path: 'items.0.sku', message: 'Unknown sku NOPE' },
    ]);
  });

  it('rejects an overlong Idempotency-Key', async () => {
    const response = await post(validBody, { 'Idempotency-Key': 'k'.repeat(256) });

    expect(response.statusCode).toBe(400);
  });
});

describe('POST /orders with Idempotency-Key', () => {
  it('returns the same order for the same body', async () => {
    const first = await post(validBody, { 'Idempotency-Key': 'key-1' });
    const second = await post(validBody, { 'Idempotency-Key': 'key-1' });

    expect(second.statusCode).toBe(201);
    expect(second.json.orderId).toBe(first.json.orderId);
  });

  it('treats key order in the body as the same body', async () => {
    const { customerId, items, payment } = validBody;
    const reordered = { payment, items, customerId };
    const first = await post(validBody, { 'Idempotency-Key': 'key-1' });
    const second = await post(reordered, { 'Idempotency-Key': 'key-1' });

    expect(second.json.orderId).toBe(first.json.orderId);
  });

  it('stores one order for a repeated key', async () => {
    await post(validBody, { 'Idempotency-Key': 'key-1' });
    await post(validBody, { 'Idempotency-Key': 'key-1' });

    expect(store.streams.size).toBe(1);
  });

  it('stores one outbox entry for a repeated key', async () => {
    await post(validBody, { 'Idempotency-Key': 'key-1' });
    await post(validBody, { 'Idempotency-Key': 'key-1' });

    expect(store.outbox).toHaveLength(1);
  });

  it('rejects the same key with another body with 422', async () => {
    await post(validBody, { 'Idempotency-Key': 'key-1' });
    const response = await post({ ...validBody, customerId: 'customer-2' }, {
      'idempotency-key': 'key-1',
    });

    expect(response.statusCode).toBe(422);
    expect(typeof response.json.message).toBe('string');
  });

  it('answers like the winner when a concurrent request took the key', async () => {
    const winnerId = 'aaaaaaaa-0000-4000-8000-000000000000';
    const requestHash = hashCanonicalJson(CreateOrderRequest.parse(validBody));
    const lookup = store.findIdempotencyRecord.bind(store);
    // The first lookup misses, then the other request stores its key before the append.
    store.findIdempotencyRecord = vi
      .fn(lookup)
      .mockImplementationOnce(async (key) => {
        store.idempotency.set(key, { key, requestHash, orderId: winnerId });
        return undefined;
      });
    const response = await post(validBody, { 'Idempotency-Key': 'key-1' });

    expect(response.statusCode).toBe(201);
    expect(response.json.orderId).toBe(winnerId);
  });
});

describe('POST /orders failures', () => {
  it('answers 500 when the response fails its schema', async () => {
    newId = () => 'not-a-uuid';
    const response = await post(validBody);

    expect(response.statusCode).toBe(500);
    expect(response.json).toEqual({ message: 'Internal server error' });
  });

  it('answers 500 when storing fails', async () => {
    store.append = async () => {
      throw new Error('table unavailable');
    };
    const response = await post(validBody);

    expect(response.statusCode).toBe(500);
  });
});
