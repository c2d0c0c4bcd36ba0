import type { Money } from '../../../schemas/common';
import type {
  PaymentAuthorizedData,
  PaymentDeclinedData,
} from '../../../schemas/payment-events';

export interface PaymentRequest {
  orderId: string;
  amount: Money;
  /** Card token from the client. It is a secret, so no log line contains it. */
  token: string;
}

export type PaymentResult =
  | { status: 'authorized'; paymentId: string }
  | { status: 'declined'; reason: string };

/**
 * Charges a payment. Implementations get the orderId so that a real provider can use
 * it as its idempotency key.
 */
export type PaymentProvider = (request: PaymentRequest) => Promise<PaymentResult>;

export type PaymentOutcome =
  | { type: 'PaymentAuthorized'; data: PaymentAuthorizedData }
  | { type: 'PaymentDeclined'; data: PaymentDeclinedData };

/** Turns the provider's result into the event that payments publishes. */
export function toPaymentOutcome(
  request: PaymentRequest,
  result: PaymentResult,
): PaymentOutcome {
  const { orderId, amount } = request;
  switch (result.status) {
    case 'authorized':
      return {
        type: 'PaymentAuthorized',
        data: { orderId, paymentId: result.paymentId, amount },
      };
    case 'declined':
      return { type: 'PaymentDeclined', data: { orderId, reason: result.reason } };
    default:
      return assertNever(result);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
