import { beforeEach, describe, expect, it } from 'vitest';
import type { NotificationsStore } from '../../functions/notifications/adapters/notifications-store';
import {
  type Notification,
  toNotification,
} from '../../functions/notifications/domain/notification';
import { buildListNotificationsHandler } from '../../functions/notifications/handlers/list-notifications';
import { buildOrderOutcomeHandler } from '../../functions/notifications/handlers/on-order-outcome';
import { OrderCancelled, OrderConfirmed } from '../../schemas/order-events';
import { toIntegrationEvent } from '../../lib/envelope';
import { httpEvent, lambdaContext, silentLogger, sqsEvent } from './support/lambda';
import { FIXED_TIME, fixedClock } from './support/runtime';

const orderId = '7d4f2c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';
const customerId = 'customer-1';
const metadata = {
  eventId: 'e0000000-0000-4000-8000-000000000005',
  correlationId: 'c0c0c0c0-0000-4000-8000-000000000000',
  causationId: 'e0000000-0000-4000-8000-000000000004',
  occurredAt: '2025-01-15T09:00:00.000Z',
  schemaVersion: 1 as const,
};

describe('toNotification', () => {
  it('builds a confirmation', () => {
    const outcome = { type: 'OrderConfirmed' as const, data: { orderId, customerId } };

    expect(toNotification(outcome, FIXED_TIME)).toEqual({
      orderId,
      customerId,
      kind: 'OrderConfirmed',
      subject: 'Your order is confirmed',
      sentAt: '2025-01-15T10:00:00.000Z',
    });
  });

  it('names the cancellation reason in the subject', () => {
    const data = { orderId, customerId, reason: 'out_of_stock' as const };
    const notification = toNotification({ type: 'OrderCancelled', data }, FIXED_TIME);

    expect(notification.subject).toContain('out of stock');
  });
});

describe('notifications on order outcome', () => {
  let saved: Map<string, Notification>;
  let processed: Set<string>;

  const store: NotificationsStore = {
    isProcessed: async (eventId) => processed.has(eventId),
    save: async (notification, eventId) => {
      const key = `${notification.orderId}/${notification.kind}`;
      if (saved.has(key) || processed.has(eventId)) {
        return 'duplicate';
      }
      saved.set(key, notification);
      processed.add(eventId);
      return 'saved';
    },
    listByOrder: async (id) => [...saved.values()].filter((item) => item.orderId === id),
  };

  const handler = () =>
    buildOrderOutcomeHandler({ logger: silentLogger(), store, now: fixedClock });

  beforeEach(() => {
    saved = new Map();
    processed = new Set();
  });

  it('sends nothing for a processed event id', async () => {
    processed.add(metadata.eventId);
    const confirmed = toIntegrationEvent(OrderConfirmed, { orderId, customerId }, metadata);
    await handler()(sqsEvent([confirmed]), lambdaContext());

    expect(saved.size).toBe(0);
  });

  it('stores one notification per order and kind', async () => {
    const confirmed = toIntegrationEvent(OrderConfirmed, { orderId, customerId }, metadata);
    await handler()(sqsEvent([confirmed, confirmed]), lambdaContext());

    expect([...saved.keys()]).toEqual([`${orderId}/OrderConfirmed`]);
  });

  it('reports no failure for a duplicate', async () => {
    const confirmed = toIntegrationEvent(OrderConfirmed, { orderId, customerId }, metadata);
    await handler()(sqsEvent([confirmed]), lambdaContext());
    const response = await handler()(sqsEvent([confirmed]), lambdaContext());

    expect(response.batchItemFailures).toEqual([]);
  });

  it('stores a cancellation', async () => {
    const data = { orderId, customerId, reason: 'payment_declined' as const };
    const cancelled = toIntegrationEvent(OrderCancelled, data, metadata);
    await handler()(sqsEvent([cancelled]), lambdaContext());

    expect(saved.get(`${orderId}/OrderCancelled`)?.kind).toBe('OrderCancelled');
  });

  it('lists the order notifications without internal fields', async () => {
    const confirmed = toIntegrationEvent(OrderConfirmed, { orderId, customerId }, metadata);
    await handler()(sqsEvent([confirmed]), lambdaContext());
    const list = buildListNotificationsHandler({ logger: silentLogger(), store });
    const event = httpEvent({
      method: 'GET',
      path: '/notifications',
      queryStringParameters: { orderId },
    });
    const response = await list(event, lambdaContext());

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual([
      { orderId, customerId, kind: 'OrderConfirmed', sentAt: '2025-01-15T10:00:00.000Z' },
    ]);
  });

  it('rejects a list request without orderId, naming it', async () => {
    const list = buildListNotificationsHandler({ logger: silentLogger(), store });
    const event = httpEvent({ method: 'GET', path: '/notifications' });
    const response = await list(event, lambdaContext());
    const body = JSON.parse(response.body);

    expect(response.statusCode).toBe(400);
    expect(body.message).toContain('orderId');
    expect(body.issues[0].path).toBe('orderId');
  });
});
