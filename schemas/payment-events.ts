import { z } from 'zod';
import { Money } from './common';
import { defineEvent } from './event-definition';

export const PAYMENTS_SOURCE = 'shop.payments';

export const PaymentAuthorized = defineEvent(
  PAYMENTS_SOURCE,
  'PaymentAuthorized',
  z.object({ orderId: z.uuid(), paymentId: z.string().min(1), amount: Money }),
);
export type PaymentAuthorizedData = z.infer<typeof PaymentAuthorized.data>;

export const PaymentDeclined = defineEvent(
  PAYMENTS_SOURCE,
  'PaymentDeclined',
  z.object({ orderId: z.uuid(), reason: z.string().min(1) }),
);
export type PaymentDeclinedData = z.infer<typeof PaymentDeclined.data>;
