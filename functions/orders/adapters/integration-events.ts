import type { EventMetadata, IntegrationEvent } from '../../../schemas/event-definition';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  PaymentRequested,
} from '../../../schemas/order-events';
import { type Causation, createMetadata, toIntegrationEvent } from '../../../lib/envelope';
import type { Clock, IdGenerator } from '../../../lib/runtime';
import type { OrderEvent } from '../domain/events';
import { assertNever } from '../domain/evolve';
import type { StoredOrderEvent } from './order-store';

/**
 * Adds fresh metadata to each event that `decide` returned, and the outbox entry that
 * the relay publishes once the event is stored.
 */
export function recordEvents(
  events: readonly OrderEvent[],
  causation: Causation,
  runtime: { newId: IdGenerator; now: Clock },
): StoredOrderEvent[] {
  return events.map((event) => {
    const stored = { ...event, metadata: createMetadata(causation, runtime.newId, runtime.now) };

    return { ...stored, outbox: toPublishedEvent(stored) };
  });
}

/** Maps a stored order event to the event published on the bus. */
export function toPublishedEvent(stored: StoredOrderEvent): IntegrationEvent {
  const metadata: EventMetadata = stored.metadata;
  switch (stored.type) {
    case 'OrderCreated': {
      // The token stays in the order stream. Only PaymentRequested carries it to payments.
      const { paymentToken: _paymentToken, ...data } = stored.data;

      return toIntegrationEvent(OrderCreated, data, metadata);
    }
    case 'PaymentRequested':
      return toIntegrationEvent(PaymentRequested, stored.data, metadata);
    case 'OrderConfirmed':
      return toIntegrationEvent(OrderConfirmed, stored.data, metadata);
    case 'OrderCancelled':
      return toIntegrationEvent(OrderCancelled, stored.data, metadata);
    default:
      return assertNever(stored);
  }
}
