import type { NotificationKind } from '../../../schemas/notifications-api';
import type {
  OrderCancelledData,
  OrderConfirmedData,
} from '../../../schemas/order-events';

/** An order outcome that the customer receives a notification about. */
export type OrderOutcome =
  | { type: 'OrderConfirmed'; data: OrderConfirmedData }
  | { type: 'OrderCancelled'; data: OrderCancelledData };

/** A message sent to a customer, at most one per order and kind. */
export interface Notification {
  orderId: string;
  customerId: string;
  kind: NotificationKind;
  subject: string;
  sentAt: string;
}

const CANCELLATION_SUBJECTS: Record<OrderCancelledData['reason'], string> = {
  out_of_stock: 'Your order was cancelled because an item is out of stock',
  payment_declined: 'Your order was cancelled because the payment was declined',
};

/** Builds the notification for an order outcome, sent at `sentAt`. */
export function toNotification(outcome: OrderOutcome, sentAt: Date): Notification {
  const { orderId, customerId } = outcome.data;
  const base = { orderId, customerId, kind: outcome.type, sentAt: sentAt.toISOString() };
  switch (outcome.type) {
    case 'OrderConfirmed':
      return { ...base, subject: 'Your order is confirmed' };
    case 'OrderCancelled':
      return { ...base, subject: CANCELLATION_SUBJECTS[outcome.data.reason] };
    default:
      return assertNever(outcome);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
