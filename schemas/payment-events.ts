import { z } from 'zod';
import { Money } from './common';
import { defineEvent } from './event-definition';

export const PAYMENTS_SOURCE = 'shop.payments';

/**
 * Version 1 of PaymentAuthorized carried the amount as two fields, `amount` in minor
 * units and `currency`. Version 2 carries one Money object, as every other event does.
 */
const PaymentAuthorizedV1 = z.object({
  orderId: z.string(),
  paymentId: z.string(),
  amount: z.number(),
  currency: z.string(),
});

/**
 * Converts PaymentAuthorized data of version 1 to version 2. Data of another shape is
 * returned as it is, so that validation reports it.
 */
export function upcastPaymentAuthorizedV1(data: unknown): unknown {
  const result = PaymentAuthorizedV1.safeParse(data);
  if (!result.success) {
    return data;
  }
  const { orderId, paymentId, amount, currency } = result.data;

  return { orderId, paymentId, amount: { amount, currency } };
}

export const PaymentAuthorized = defineEvent(
  PAYMENTS_SOURCE,
  'PaymentAuthorized',
  z.object({ orderId: z.uuid(), paymentId: z.string().min(1), amount: Money }),
  { version: 2, upcasters: { 1: upcastPaymentAuthorizedV1 } },
);
export type PaymentAuthorizedData = z.infer<typeof PaymentAuthorized.data>;

export const PaymentDeclined = defineEvent(
  PAYMENTS_SOURCE,
  'PaymentDeclined',
  z.object({ orderId: z.uuid(), reason: z.string().min(1) }),
);
export type PaymentDeclinedData = z.infer<typeof PaymentDeclined.data>;
