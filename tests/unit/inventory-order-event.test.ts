import { beforeEach, describe, expect, it } from 'vitest';
import { buildOrderEventHandler } from '../../functions/inventory/handlers/on-order-event';
import type { EventMetadata, IntegrationEvent } from '../../schemas/event-definition';
import { OrderCancelled, OrderCreated } from '../../schemas/order-events';
import { toIntegrationEvent } from '../../lib/envelope';
import { InMemoryInventoryStore } from './support/in-memory-inventory-store';
import { lambdaContext, silentLogger, sqsEvent } from './support/lambda';
import { fixedClock, sequentialIds } from './support/runtime';

const orderId = '7d4f2c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

function metadata(eventId: string): EventMetadata {
  return {
    eventId,
    correlationId: 'c0c0c0c0-0000-4000-8000-000000000000',
    causationId: 'request-1',
    occurredAt: '2025-01-15T09:00:00.000Z',
    schemaVersion: 1,
  };
}

function orderCreated(id: string, quantity: number): IntegrationEvent {
  return toIntegrationEvent(
    OrderCreated,
    {
      orderId: id,
      customerId: 'customer-1',
      items: [
        { sku: 'MUG-01', quantity, unitPrice: eur(1500) },
        { sku: 'LAMP-01', quantity: 1, unitPrice: eur(3450) },
      ],
      total: eur(1500 * quantity + 3450),
    },
    metadata(`e0000000-0000-4000-8000-${id.slice(-12)}`),
  );
}

const orderCancelled = toIntegrationEvent(
  OrderCancelled,
  { orderId, customerId: 'customer-1', reason: 'payment_declined' },
  metadata('e0000000-0000-4000-8000-0000000000cc'),
);

let store: InMemoryInventoryStore;

function handle(events: IntegrationEvent[]) {
  const handler = buildOrderEventHandler({
    logger: silentLogger(),
    store,
    newId: sequentialIds(),
    now: fixedClock,
  });

  return handler(sqsEvent(events), lambdaContext());
}

const publishedTypes = () => store.outbox.map((event) => event.detailType);

beforeEach(() => {
  store = new InMemoryInventoryStore();
  store.available.set('MUG-01', 12);
  store.available.set('LAMP-01', 12);
});

describe('inventory on OrderCreated', () => {
  it('reserves stock and stores StockReserved', async () => {
    await handle([orderCreated(orderId, 2)]);

    expect(publishedTypes()).toEqual(['StockReserved']);
    expect(store.available.get('MUG-01')).toBe(10);
  });

  it('stores StockReservationFailed with the available units', async () => {
    await handle([orderCreated(orderId, 13)]);

    expect(store.outbox[0]?.detail.data).toEqual({
      orderId,
      reason: 'out_of_stock',
      unavailable: [{ sku: 'MUG-01', requested: 13, available: 12 }],
    });
  });

  it('reserves nothing when one line is short', async () => {
    await handle([orderCreated(orderId, 13)]);

    expect(store.available.get('LAMP-01')).toBe(12);
    expect(store.reservations.get(orderId)?.status).toBe('REJECTED');
  });

  it('stores one outcome for a redelivered event', async () => {
    await handle([orderCreated(orderId, 2)]);
    await handle([orderCreated(orderId, 2)]);

    expect(publishedTypes()).toEqual(['StockReserved']);
    expect(store.available.get('MUG-01')).toBe(10);
  });

  it('never oversells the last units to concurrent orders', async () => {
    store.available.set('MUG-01', 1);
    const ids = [
      '00000000-0000-4000-8000-0000000000a1',
      '00000000-0000-4000-8000-0000000000a2',
    ];
    await Promise.all(ids.map((id) => handle([orderCreated(id, 1)])));

    expect(publishedTypes().sort()).toEqual(['StockReservationFailed', 'StockReserved']);
    expect(store.available.get('MUG-01')).toBe(0);
  });

  it('reads again after a concurrent append', async () => {
    const reserve = store.reserve.bind(store);
    let calls = 0;
    store.reserve = async (...args) => {
      calls += 1;
      return calls === 1 ? 'conflict' : reserve(...args);
    };
    await handle([orderCreated(orderId, 2)]);

    expect(calls).toBe(2);
    expect(publishedTypes()).toEqual(['StockReserved']);
  });

  it('reserves after stock came back before the rejection', async () => {
    const reject = store.reject.bind(store);
    store.reject = async (...args) => {
      store.available.set('MUG-01', 20);
      store.versions.set('MUG-01', 1);
      return reject(...args);
    };
    await handle([orderCreated(orderId, 13)]);

    expect(publishedTypes()).toEqual(['StockReserved']);
    expect(store.available.get('MUG-01')).toBe(7);
  });
});

describe('inventory on a replayed event', () => {
  it('reserves nothing for a processed event id', async () => {
    const event = orderCreated(orderId, 2);
    store.processed.add(event.detail.metadata.eventId);
    await handle([event]);

    expect(store.available.get('MUG-01')).toBe(12);
    expect(publishedTypes()).toEqual([]);
  });

  it('records the event id with the reservation', async () => {
    const event = orderCreated(orderId, 2);
    await handle([event]);

    expect(store.processed.has(event.detail.metadata.eventId)).toBe(true);
  });
});

describe('inventory on OrderCancelled', () => {
  it('releases the reservation and restores stock', async () => {
    await handle([orderCreated(orderId, 2)]);
    await handle([orderCancelled]);

    expect(publishedTypes()).toEqual(['StockReserved', 'StockReleased']);
    expect(store.available.get('MUG-01')).toBe(12);
  });

  it('releases once for a redelivered cancellation', async () => {
    await handle([orderCreated(orderId, 2)]);
    await handle([orderCancelled]);
    await handle([orderCancelled]);

    expect(store.available.get('MUG-01')).toBe(12);
    expect(publishedTypes()).toEqual(['StockReserved', 'StockReleased']);
  });

  it('releases nothing for a rejected reservation', async () => {
    await handle([orderCreated(orderId, 13)]);
    await handle([orderCancelled]);

    expect(publishedTypes()).toEqual(['StockReservationFailed']);
    expect(store.available.get('MUG-01')).toBe(12);
  });
});
