import type { IdGenerator } from '../../../lib/runtime';
import type { PaymentProvider } from '../domain/payment';

/** The token that the simulated provider declines. It approves every other token. */
export const DECLINED_TOKEN = 'tok_declined';

export const DECLINED_REASON = 'card_declined';

/** Creates a provider that approves every token except `tok_declined`, without I/O. */
export function createSimulatedPaymentProvider(newId: IdGenerator): PaymentProvider {
  return async (request) =>
    request.token === DECLINED_TOKEN
      ? { status: 'declined', reason: DECLINED_REASON }
      : { status: 'authorized', paymentId: `pay_${newId()}` };
}
