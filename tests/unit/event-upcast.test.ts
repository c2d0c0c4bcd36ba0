import { describe, expect, it } from 'vitest';
import { PaymentAuthorized, upcastPaymentAuthorizedV1 } from '../../schemas/payment-events';
import { toIntegrationEvent } from '../../lib/envelope';

const orderId = '7d4f2c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';

function metadata(schemaVersion: number) {
  return {
    eventId: 'e0000000-0000-4000-8000-000000000003',
    correlationId: 'c0c0c0c0-0000-4000-8000-000000000000',
    causationId: 'e0000000-0000-4000-8000-000000000002',
    occurredAt: '2025-01-15T09:00:00.000Z',
    schemaVersion,
  };
}

function envelope(schemaVersion: number, data: unknown) {
  return {
    source: 'shop.payments',
    'detail-type': 'PaymentAuthorized',
    detail: { metadata: metadata(schemaVersion), data },
  };
}

describe('PaymentAuthorized schema versions', () => {
  it('upcasts version 1 data to version 2', () => {
    expect(upcastPaymentAuthorizedV1({ orderId, paymentId: 'pay_1', amount: 3000, currency: 'EUR' })).toEqual({
      orderId,
      paymentId: 'pay_1',
      amount: { amount: 3000, currency: 'EUR' },
    });
  });

  it('parses a version 1 event as version 2', () => {
    const v1 = envelope(1, { orderId, paymentId: 'pay_1', amount: 3000, currency: 'EUR' });
    const parsed = PaymentAuthorized.envelope.parse(v1);

    expect(parsed.detail.data.amount).toEqual({ amount: 3000, currency: 'EUR' });
    expect(parsed.detail.metadata.schemaVersion).toBe(2);
  });

  it('parses a version 2 event unchanged', () => {
    const data = { orderId, paymentId: 'pay_1', amount: { amount: 3000, currency: 'EUR' } };
    const parsed = PaymentAuthorized.envelope.parse(envelope(2, data));

    expect(parsed.detail.data).toEqual(data);
  });

  it('rejects version 1 data without a currency', () => {
    const v1 = envelope(1, { orderId, paymentId: 'pay_1', amount: 3000 });

    expect(PaymentAuthorized.envelope.safeParse(v1).success).toBe(false);
  });

  it('emits new events as version 2', () => {
    const data = { orderId, paymentId: 'pay_1', amount: { amount: 3000, currency: 'EUR' } };
    const event = toIntegrationEvent(PaymentAuthorized, data, metadata(1));

    expect(event.detail.metadata.schemaVersion).toBe(2);
  });
});
