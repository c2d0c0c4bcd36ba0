import { z } from 'zod';
import { CancellationReason, Money, PricedLine } from './common';
import { defineEvent } from './event-definition';

export const ORDERS_SOURCE = 'shop.orders';

/** Published without the payment token, which stays in the order stream. */
export const OrderCreated = defineEvent(
  ORDERS_SOURCE,
  'OrderCreated',
  z.object({
    orderId: z.uuid(),
    customerId: z.string().min(1),
    items: z.array(PricedLine).min(1),
    total: Money,
  }),
);
export type OrderCreatedData = z.infer<typeof OrderCreated.data>;

export const PaymentRequested = defineEvent(
  ORDERS_SOURCE,
  'PaymentRequested',
  z.object({
    orderId: z.uuid(),
    customerId: z.string().min(1),
    amount: Money,
    paymentToken: z.string().min(1),
  }),
);
export type PaymentRequestedData = z.infer<typeof PaymentRequested.data>;

export const OrderConfirmed = defineEvent(
  ORDERS_SOURCE,
  'OrderConfirmed',
  z.object({ orderId: z.uuid(), customerId: z.string().min(1) }),
);
export type OrderConfirmedData = z.infer<typeof OrderConfirmed.data>;

export const OrderCancelled = defineEvent(
  ORDERS_SOURCE,
  'OrderCancelled',
  z.object({
    orderId: z.uuid(),
    customerId: z.string().min(1),
    reason: CancellationReason,
  }),
);
export type OrderCancelledData = z.infer<typeof OrderCancelled.data>;
