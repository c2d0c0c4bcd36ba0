import { describe, expect, it } from 'vitest';
import { foldOrder } from '../../functions/orders/domain/evolve';
import { toOrderView } from '../../functions/orders/domain/view';
import { buildGetOrderHandler } from '../../functions/orders/handlers/get-order';
import { InMemoryOrderStore } from './support/in-memory-order-store';
import { httpEvent, lambdaContext, silentLogger } from './support/lambda';

const orderId = '7d4f2c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

function storeWithOrder(): InMemoryOrderStore {
  const store = new InMemoryOrderStore();
  store.streams.set(orderId, [
    {
      type: 'OrderCreated',
      data: {
        orderId,
        customerId: 'customer-1',
        items: [{ sku: 'MUG-01', quantity: 2, unitPrice: eur(1500) }],
        total: eur(3000),
        paymentToken: 'tok_visa',
      },
      metadata: {
        eventId: 'e0000000-0000-4000-8000-000000000001',
        correlationId: 'c0c0c0c0-0000-4000-8000-000000000000',
        causationId: 'request-1',
        occurredAt: '2025-01-15T09:00:00.000Z',
        schemaVersion: 1,
      },
    },
  ]);

  return store;
}

async function getOrder(id: string) {
  const store = storeWithOrder();
  const handler = buildGetOrderHandler({
    logger: silentLogger(),
    findView: async (orderId) => toOrderView(foldOrder((await store.load(orderId)).events)),
  });
  const event = httpEvent({
    method: 'GET',
    path: `/orders/${id}`,
    pathParameters: { orderId: id },
  });
  const response = await handler(event, lambdaContext());

  return { status: response.statusCode, json: JSON.parse(response.body) };
}

describe('GET /orders/{orderId}', () => {
  it('returns the order view', async () => {
    const response = await getOrder(orderId);

    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      orderId,
      customerId: 'customer-1',
      status: 'PENDING',
      items: [{ sku: 'MUG-01', quantity: 2, unitPrice: eur(1500) }],
      total: eur(3000),
    });
  });

  it('returns 404 with a message for an unknown order', async () => {
    const response = await getOrder('00000000-0000-4000-8000-00000000dead');

    expect(response.status).toBe(404);
    expect(response.json).toEqual({
      message: 'Order 00000000-0000-4000-8000-00000000dead not found',
    });
  });
});
