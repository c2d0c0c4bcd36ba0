import type { CancellationReason, Money, PricedLine } from '../../../schemas/common';

/** The data of an order, set when it is created. */
export interface OrderDetails {
  orderId: string;
  customerId: string;
  items: PricedLine[];
  total: Money;
  paymentToken: string;
}

/** The order before its first event. */
export interface UnknownOrder {
  status: 'UNKNOWN';
}

/** An order waiting for its stock reservation, then for its payment. */
export interface PendingOrder {
  status: 'PENDING';
  order: OrderDetails;
  paymentRequested: boolean;
}

export interface ConfirmedOrder {
  status: 'CONFIRMED';
  order: OrderDetails;
  paymentRequested: true;
}

export interface CancelledOrder {
  status: 'CANCELLED';
  order: OrderDetails;
  paymentRequested: boolean;
  reason: CancellationReason;
}

export type OrderState = UnknownOrder | PendingOrder | ConfirmedOrder | CancelledOrder;

export const initialOrderState: OrderState = { status: 'UNKNOWN' };
