import { z } from 'zod';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderCreated,
  PaymentRequested,
} from '../../../schemas/order-events';

/**
 * Data of the stored OrderCreated event. Unlike the published event, it keeps the
 * payment token, which PaymentRequested needs later.
 */
export const OrderCreatedStoredData = OrderCreated.data.extend({
  paymentToken: z.string().min(1),
});

/** Events of an order stream, as stored in the event store. */
export const OrderEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('OrderCreated'), data: OrderCreatedStoredData }),
  z.object({ type: z.literal('PaymentRequested'), data: PaymentRequested.data }),
  z.object({ type: z.literal('OrderConfirmed'), data: OrderConfirmed.data }),
  z.object({ type: z.literal('OrderCancelled'), data: OrderCancelled.data }),
]);
export type OrderEvent = z.infer<typeof OrderEvent>;
export type OrderEventType = OrderEvent['type'];
