import type { CancellationReason, PricedLine } from '../../../schemas/common';

export interface CreateOrder {
  type: 'CreateOrder';
  data: {
    orderId: string;
    customerId: string;
    items: PricedLine[];
    paymentToken: string;
  };
}

/** Sent when inventory reserved the stock of every line. */
export interface RequestPayment {
  type: 'RequestPayment';
  data: { orderId: string };
}

/** Sent when the payment was authorized. */
export interface ConfirmOrder {
  type: 'ConfirmOrder';
  data: { orderId: string; paymentId: string };
}

/** Sent when stock could not be reserved or the payment was declined. */
export interface CancelOrder {
  type: 'CancelOrder';
  data: { orderId: string; reason: CancellationReason };
}

export type OrderCommand = CreateOrder | RequestPayment | ConfirmOrder | CancelOrder;
