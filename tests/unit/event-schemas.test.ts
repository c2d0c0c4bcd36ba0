import { describe, expect, it } from 'vitest';
import { buildOrderEventHandler } from '../../functions/inventory/handlers/on-order-event';
import { SagaEvent } from '../../functions/orders/handlers/on-saga-event';
import { StockReserved } from '../../schemas/inventory-events';
import { OrderCreated } from '../../schemas/order-events';
import { parseEventBody, toIntegrationEvent } from '../../lib/envelope';
import { InvalidEventError } from '../../lib/errors';
import { InMemoryInventoryStore } from './support/in-memory-inventory-store';
import { lambdaContext, silentLogger, sqsEvent } from './support/lambda';
import { fixedClock, sequentialIds } from './support/runtime';

const orderId = '7d4f2c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';
const metadata = {
  eventId: 'e0000000-0000-4000-8000-000000000002',
  correlationId: 'c0c0c0c0-0000-4000-8000-000000000000',
  causationId: 'e0000000-0000-4000-8000-000000000001',
  occurredAt: '2025-01-15T09:00:00.000Z',
  schemaVersion: 1 as const,
};
const stockReserved = toIntegrationEvent(
  StockReserved,
  { orderId, items: [{ sku: 'MUG-01', quantity: 2 }] },
  metadata,
);

function bodyOf(event: ReturnType<typeof sqsEvent>, index: number): string {
  return event.Records[index]?.body ?? '';
}

describe('event schemas on the recorded SQS shape', () => {
  it('parses an EventBridge event from an SQS body', () => {
    const parsed = parseEventBody(bodyOf(sqsEvent([stockReserved]), 0), SagaEvent);

    expect(parsed['detail-type']).toBe('StockReserved');
    expect(parsed.detail).toEqual(stockReserved.detail);
  });

  it('rejects a body that is not JSON', () => {
    expect(() => parseEventBody('Test message.', SagaEvent)).toThrow(InvalidEventError);
  });

  it('rejects the recorded EC2 event', () => {
    const ec2 = {
      ...JSON.parse(bodyOf(sqsEvent([stockReserved]), 0)),
      source: 'aws.ec2',
      'detail-type': 'EC2 Instance State-change Notification',
    };

    expect(() => parseEventBody(JSON.stringify(ec2), SagaEvent)).toThrow(InvalidEventError);
  });

  it('rejects a detail-type from the wrong source', () => {
    const body = JSON.parse(bodyOf(sqsEvent([stockReserved]), 0));
    const forged = { ...body, source: 'shop.orders' };

    expect(() => parseEventBody(JSON.stringify(forged), SagaEvent)).toThrow(/source/);
  });

  it('rejects metadata without a schema version', () => {
    const event = JSON.parse(bodyOf(sqsEvent([stockReserved]), 0));
    delete event.detail.metadata.schemaVersion;

    expect(() => parseEventBody(JSON.stringify(event), SagaEvent)).toThrow(/schemaVersion/);
  });

  it('names the invalid path in the error', () => {
    const event = JSON.parse(bodyOf(sqsEvent([stockReserved]), 0));
    event.detail.data.items[0].quantity = 0;

    expect(() => parseEventBody(JSON.stringify(event), SagaEvent)).toThrow(
      /detail\.data\.items\.0\.quantity/,
    );
  });

  it('refuses to build an event that fails its schema', () => {
    const data = { orderId: 'not-a-uuid', items: [{ sku: 'MUG-01', quantity: 1 }] };

    expect(() => toIntegrationEvent(StockReserved, data, metadata)).toThrow();
  });

  it('drops fields that are not in the published schema', () => {
    const data = {
      orderId,
      customerId: 'customer-1',
      items: [{ sku: 'MUG-01', quantity: 1, unitPrice: { amount: 1500, currency: 'EUR' } }],
      total: { amount: 1500, currency: 'EUR' },
      paymentToken: 'tok_visa',
    };

    expect(toIntegrationEvent(OrderCreated, data, metadata).detail.data).not.toHaveProperty(
      'paymentToken',
    );
  });
});

describe('SQS batch handling', () => {
  function inventoryHandler() {
    const store = new InMemoryInventoryStore();
    store.available.set('MUG-01', 12);

    return buildOrderEventHandler({
      logger: silentLogger(),
      store,
            newId: sequentialIds(),
      now: fixedClock,
    });
  }

  const orderCreated = toIntegrationEvent(
    OrderCreated,
    {
      orderId,
      customerId: 'customer-1',
      items: [{ sku: 'MUG-01', quantity: 1, unitPrice: { amount: 1500, currency: 'EUR' } }],
      total: { amount: 1500, currency: 'EUR' },
    },
    metadata,
  );

  it('reports only the malformed record', async () => {
    const batch = sqsEvent(['Test message.', orderCreated, '{"message": "foo1"}']);
    const response = await inventoryHandler()(batch, lambdaContext());

    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: 'message-1' },
      { itemIdentifier: 'message-3' },
    ]);
  });

  it('reports every record when all fail instead of throwing', async () => {
    const batch = sqsEvent(['Test message.', '{"message": "foo1"}']);
    const response = await inventoryHandler()(batch, lambdaContext());

    expect(response.batchItemFailures).toHaveLength(2);
  });

  it('returns no failures for a good batch', async () => {
    const response = await inventoryHandler()(sqsEvent([orderCreated]), lambdaContext());

    expect(response.batchItemFailures).toEqual([]);
  });
});
