import type { OrderEvent } from './events';
import { initialOrderState, type OrderState } from './state';

/**
 * Applies one event to the order state. Events that cannot follow the current state
 * leave it unchanged, and `decide` never emits such events.
 */
export function evolve(state: OrderState, event: OrderEvent): OrderState {
  switch (event.type) {
    case 'OrderCreated':
      return { status: 'PENDING', order: { ...event.data }, paymentRequested: false };
    case 'PaymentRequested':
      return state.status === 'PENDING' ? { ...state, paymentRequested: true } : state;
    case 'OrderConfirmed':
      return state.status === 'PENDING'
        ? { status: 'CONFIRMED', order: state.order, paymentRequested: true }
        : state;
    case 'OrderCancelled':
      return state.status === 'PENDING'
        ? { ...state, status: 'CANCELLED', reason: event.data.reason }
        : state;
    default:
      return assertNever(event);
  }
}

/** Folds a stream of events into the current order state. */
export function foldOrder(events: readonly OrderEvent[]): OrderState {
  return events.reduce(evolve, initialOrderState);
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
