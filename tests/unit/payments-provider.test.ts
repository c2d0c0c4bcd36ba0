import { beforeEach, describe, expect, it } from 'vitest';
import type {
  PaymentItem,
  PaymentsStore,
} from '../../functions/payments/adapters/payments-store';
import {
  createSimulatedPaymentProvider,
  DECLINED_TOKEN,
} from '../../functions/payments/adapters/simulated-provider';
import { toPaymentOutcome } from '../../functions/payments/domain/payment';
import { buildPaymentRequestedHandler } from '../../functions/payments/handlers/on-payment-requested';
import { PaymentRequested } from '../../schemas/order-events';
import { toIntegrationEvent } from '../../lib/envelope';
import { lambdaContext, silentLogger, sqsEvent } from './support/lambda';
import { fixedClock, sequentialIds } from './support/runtime';

const orderId = '7d4f2c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';
const amount = { amount: 3000, currency: 'EUR' };

describe('simulated payment provider', () => {
  const provider = createSimulatedPaymentProvider(() => 'id-1');

  it('declines tok_declined', async () => {
    expect(await provider({ orderId, amount, token: DECLINED_TOKEN })).toEqual({
      status: 'declined',
      reason: 'card_declined',
    });
  });

  it('approves any other token', async () => {
    expect(await provider({ orderId, amount, token: 'tok_visa' })).toEqual({
      status: 'authorized',
      paymentId: 'pay_id-1',
    });
  });
});

describe('payment outcome', () => {
  const request = { orderId, amount, token: 'tok_visa' };

  it('turns an approval into PaymentAuthorized', () => {
    expect(toPaymentOutcome(request, { status: 'authorized', paymentId: 'pay_1' })).toEqual({
      type: 'PaymentAuthorized',
      data: { orderId, paymentId: 'pay_1', amount },
    });
  });

  it('turns a decline into PaymentDeclined', () => {
    const declined = { status: 'declined' as const, reason: 'card_declined' };

    expect(toPaymentOutcome(request, declined)).toEqual({
      type: 'PaymentDeclined',
      data: { orderId, reason: 'card_declined' },
    });
  });
});

describe('payments on PaymentRequested', () => {
  let payments: Map<string, PaymentItem>;
  let charges: number;
  const outbox = () => [...payments.values()].map((payment) => payment.outbox);

  let processed: Set<string>;

  const store: PaymentsStore = {
    find: async (id) => payments.get(id),
    isProcessed: async (eventId) => processed.has(eventId),
    save: async (item, eventId) => {
      if (payments.has(item.orderId) || processed.has(eventId)) {
        return 'already_exists';
      }
      payments.set(item.orderId, item);
      processed.add(eventId);
      return 'saved';
    },
  };

  function paymentRequested(token: string) {
    return toIntegrationEvent(
      PaymentRequested,
      { orderId, customerId: 'customer-1', amount, paymentToken: token },
      {
        eventId: 'e0000000-0000-4000-8000-000000000003',
        correlationId: 'c0c0c0c0-0000-4000-8000-000000000000',
        causationId: 'e0000000-0000-4000-8000-000000000002',
        occurredAt: '2025-01-15T09:00:00.000Z',
        schemaVersion: 1,
      },
    );
  }

  async function handle(token: string) {
    const simulated = createSimulatedPaymentProvider(() => 'id-1');
    const handler = buildPaymentRequestedHandler({
      logger: silentLogger(),
      store,
      provider: async (request) => {
        charges += 1;
        return simulated(request);
      },
      newId: sequentialIds(),
      now: fixedClock,
    });

    return handler(sqsEvent([paymentRequested(token)]), lambdaContext());
  }

  beforeEach(() => {
    payments = new Map();
    processed = new Set();
    charges = 0;
  });

  it('stores PaymentAuthorized for an approved token', async () => {
    await handle('tok_visa');

    expect(outbox()[0]?.detailType).toBe('PaymentAuthorized');
    expect(outbox()[0]?.source).toBe('shop.payments');
  });

  it('stores PaymentDeclined for tok_declined', async () => {
    await handle(DECLINED_TOKEN);

    expect(outbox()[0]?.detailType).toBe('PaymentDeclined');
  });

  it('charges once for a redelivered request', async () => {
    await handle('tok_visa');
    await handle('tok_visa');

    expect(charges).toBe(1);
  });

  it('stores one outcome for a redelivered request', async () => {
    await handle('tok_visa');
    await handle('tok_visa');

    expect(outbox()).toHaveLength(1);
  });

  it('charges nothing for a processed event id', async () => {
    processed.add('e0000000-0000-4000-8000-000000000003');
    await handle('tok_visa');

    expect(charges).toBe(0);
    expect(outbox()).toHaveLength(0);
  });

  it('keeps the payment token out of the outcome', async () => {
    await handle('tok_visa');

    expect(JSON.stringify(outbox())).not.toContain('tok_visa');
  });
});
