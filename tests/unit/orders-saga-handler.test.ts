import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredOrderEvent } from '../../functions/orders/adapters/order-store';
import { buildSagaEventHandler } from '../../functions/orders/handlers/on-saga-event';
import type { EventMetadata, IntegrationEvent } from '../../schemas/event-definition';
import { StockReservationFailed, StockReserved } from '../../schemas/inventory-events';
import { PaymentAuthorized, PaymentDeclined } from '../../schemas/payment-events';
import { toIntegrationEvent } from '../../lib/envelope';
import { ConcurrencyError } from '../../lib/errors';
import { InMemoryOrderStore } from './support/in-memory-order-store';
import { lambdaContext, silentLogger, sqsEvent } from './support/lambda';
import { fixedClock, sequentialIds } from './support/runtime';

const orderId = '7d4f2c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';
const correlationId = 'c0c0c0c0-0000-4000-8000-000000000000';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

function metadata(eventId: string): EventMetadata {
  return {
    eventId,
    correlationId,
    causationId: 'request-1',
    occurredAt: '2025-01-15T09:00:00.000Z',
    schemaVersion: 1,
  };
}

const orderCreated: StoredOrderEvent = {
  type: 'OrderCreated',
  data: {
    orderId,
    customerId: 'customer-1',
    items: [{ sku: 'MUG-01', quantity: 2, unitPrice: eur(1500) }],
    total: eur(3000),
    paymentToken: 'tok_visa',
  },
  metadata: metadata('e0000000-0000-4000-8000-000000000001'),
};

const stockReserved = toIntegrationEvent(
  StockReserved,
  { orderId, items: [{ sku: 'MUG-01', quantity: 2 }] },
  metadata('e0000000-0000-4000-8000-000000000002'),
);

let store: InMemoryOrderStore;

function handle(events: (string | IntegrationEvent)[]) {
  const handler = buildSagaEventHandler({
    logger: silentLogger(),
    store,
    newId: sequentialIds(),
    now: fixedClock,
  });

  return handler(sqsEvent(events), lambdaContext());
}

beforeEach(() => {
  store = new InMemoryOrderStore();
  store.streams.set(orderId, [orderCreated]);
});

describe('orders saga handler', () => {
  it('requests payment when stock is reserved', async () => {
    await handle([stockReserved]);

    expect(store.outbox.map((event) => event.detailType)).toEqual(['PaymentRequested']);
  });

  it('sends the stored payment token to payments', async () => {
    await handle([stockReserved]);

    expect(store.outbox[0]?.detail.data).toEqual({
      orderId,
      customerId: 'customer-1',
      amount: eur(3000),
      paymentToken: 'tok_visa',
    });
  });

  it('carries the correlation id and sets the causation id', async () => {
    await handle([stockReserved]);
    const published = store.outbox[0]?.detail.metadata;

    expect(published?.correlationId).toBe(correlationId);
    expect(published?.causationId).toBe(stockReserved.detail.metadata.eventId);
  });

  it('stores nothing for a redelivered event', async () => {
    await handle([stockReserved]);
    await handle([stockReserved]);

    expect(store.outbox).toHaveLength(1);
    expect(store.streams.get(orderId)).toHaveLength(2);
  });

  it('stores nothing for a processed event id', async () => {
    store.processed.add(stockReserved.detail.metadata.eventId);
    await handle([stockReserved]);

    expect(store.outbox).toHaveLength(0);
  });

  it('records the event id with its effects', async () => {
    await handle([stockReserved]);

    expect(store.processed.has(stockReserved.detail.metadata.eventId)).toBe(true);
  });

  it('ignores another event that changes nothing', async () => {
    await handle([stockReserved]);
    const eventId = 'e0000000-0000-4000-8000-000000000099';
    const detail = { ...stockReserved.detail, metadata: metadata(eventId) };
    const again = { ...stockReserved, detail };
    await handle([again]);

    expect(store.outbox).toHaveLength(1);
  });

  it('confirms the order when payment is authorized', async () => {
    await handle([stockReserved]);
    const authorized = toIntegrationEvent(
      PaymentAuthorized,
      { orderId, paymentId: 'pay_1', amount: eur(3000) },
      metadata('e0000000-0000-4000-8000-000000000003'),
    );
    await handle([authorized]);

    expect(store.outbox.at(-1)?.detailType).toBe('OrderConfirmed');
  });

  it('confirms the order for a version 1 PaymentAuthorized', async () => {
    await handle([stockReserved]);
    const metadataV1 = { ...metadata('e0000000-0000-4000-8000-000000000003'), schemaVersion: 1 };
    const v1 = {
      source: 'shop.payments',
      'detail-type': 'PaymentAuthorized',
      detail: {
        metadata: metadataV1,
        data: { orderId, paymentId: 'pay_1', amount: 3000, currency: 'EUR' },
      },
    };
    const response = await handle([JSON.stringify(v1)]);

    expect(response.batchItemFailures).toEqual([]);
    expect(store.outbox.at(-1)?.detailType).toBe('OrderConfirmed');
  });

  it('cancels the order when payment is declined', async () => {
    await handle([stockReserved]);
    const declined = toIntegrationEvent(
      PaymentDeclined,
      { orderId, reason: 'card_declined' },
      metadata('e0000000-0000-4000-8000-000000000003'),
    );
    await handle([declined]);

    expect(store.outbox.at(-1)?.detail.data).toEqual({
      orderId,
      customerId: 'customer-1',
      reason: 'payment_declined',
    });
  });

  it('cancels the order when stock is short', async () => {
    const failed = toIntegrationEvent(
      StockReservationFailed,
      {
        orderId,
        reason: 'out_of_stock',
        unavailable: [{ sku: 'MUG-01', requested: 2, available: 1 }],
      },
      metadata('e0000000-0000-4000-8000-000000000002'),
    );
    await handle([failed]);

    expect(store.outbox[0]?.detail.data).toMatchObject({ reason: 'out_of_stock' });
  });

  it('retries after a concurrent append', async () => {
    const append = store.append.bind(store);
    let calls = 0;
    store.append = async (...args) => {
      calls += 1;
      if (calls === 1) {
        throw new ConcurrencyError(`order#${orderId}`, 1);
      }
      return append(...args);
    };
    const response = await handle([stockReserved]);

    expect(response.batchItemFailures).toEqual([]);
    expect(store.outbox).toHaveLength(1);
  });

  it('fails only the malformed record of a batch', async () => {
    const response = await handle(['Test message.', stockReserved]);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'message-1' }]);
  });

  it('fails a record for an unknown order', async () => {
    store.streams.clear();
    const response = await handle([stockReserved]);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'message-1' }]);
  });
});
