import { describe, expect, it } from 'vitest';
import type { OrderCommand } from '../../functions/orders/domain/commands';
import { decide } from '../../functions/orders/domain/decide';
import {
  InvalidOrderCommandError,
  OrderNotFoundError,
} from '../../functions/orders/domain/errors';
import type { OrderEvent } from '../../functions/orders/domain/events';
import { foldOrder } from '../../functions/orders/domain/evolve';
import { toOrderView } from '../../functions/orders/domain/view';

const orderId = '7d4f2c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';
const customerId = 'customer-1';
const eur = (amount: number) => ({ amount, currency: 'EUR' });

const createData = {
  orderId,
  customerId,
  items: [
    { sku: 'MUG-01', quantity: 2, unitPrice: eur(1500) },
    { sku: 'LAMP-01', quantity: 1, unitPrice: eur(3450) },
  ],
  paymentToken: 'tok_visa',
};
const createOrder: OrderCommand = { type: 'CreateOrder', data: createData };

const created: OrderEvent = {
  type: 'OrderCreated',
  data: { ...createData, total: eur(6450) },
};
const paymentRequested: OrderEvent = {
  type: 'PaymentRequested',
  data: { orderId, customerId, amount: eur(6450), paymentToken: 'tok_visa' },
};
const confirmed: OrderEvent = { type: 'OrderConfirmed', data: { orderId, customerId } };
const cancelledOutOfStock: OrderEvent = {
  type: 'OrderCancelled',
  data: { orderId, customerId, reason: 'out_of_stock' },
};
const cancelledDeclined: OrderEvent = {
  type: 'OrderCancelled',
  data: { orderId, customerId, reason: 'payment_declined' },
};

const requestPayment: OrderCommand = { type: 'RequestPayment', data: { orderId } };
const confirmOrder: OrderCommand = {
  type: 'ConfirmOrder',
  data: { orderId, paymentId: 'pay_1' },
};
const cancelForStock: OrderCommand = {
  type: 'CancelOrder',
  data: { orderId, reason: 'out_of_stock' },
};
const cancelForPayment: OrderCommand = {
  type: 'CancelOrder',
  data: { orderId, reason: 'payment_declined' },
};

/** Given past events, when a command arrives, returns the decided events. */
function given(events: OrderEvent[]) {
  return { when: (command: OrderCommand) => decide(command, foldOrder(events)) };
}

describe('order decider', () => {
  it('creates an order with the total in minor units', () => {
    expect(given([]).when(createOrder)).toEqual([created]);
  });

  it('keeps the payment token in OrderCreated', () => {
    const [event] = given([]).when(createOrder);

    expect(event?.data).toMatchObject({ paymentToken: 'tok_visa' });
  });

  it('rejects creating an existing order', () => {
    expect(() => given([created]).when(createOrder)).toThrow(InvalidOrderCommandError);
  });

  it('rejects an order without lines', () => {
    const empty: OrderCommand = { type: 'CreateOrder', data: { ...createData, items: [] } };

    expect(() => given([]).when(empty)).toThrow(InvalidOrderCommandError);
  });

  it('rejects lines in two currencies', () => {
    const items = [
      { sku: 'MUG-01', quantity: 1, unitPrice: eur(1500) },
      { sku: 'LAMP-01', quantity: 1, unitPrice: { amount: 100, currency: 'USD' } },
    ];
    const mixed: OrderCommand = { type: 'CreateOrder', data: { ...createData, items } };

    expect(() => given([]).when(mixed)).toThrow(/currencies/);
  });

  it('requests payment once stock is reserved', () => {
    expect(given([created]).when(requestPayment)).toEqual([paymentRequested]);
  });

  it('ignores a second stock reservation', () => {
    expect(given([created, paymentRequested]).when(requestPayment)).toEqual([]);
  });

  it('ignores a late stock reservation of a confirmed order', () => {
    expect(given([created, paymentRequested, confirmed]).when(requestPayment)).toEqual([]);
  });

  it('rejects payment for an order cancelled for stock', () => {
    expect(() => given([created, cancelledOutOfStock]).when(requestPayment)).toThrow(
      InvalidOrderCommandError,
    );
  });

  it('confirms an order after an authorized payment', () => {
    expect(given([created, paymentRequested]).when(confirmOrder)).toEqual([confirmed]);
  });

  it('ignores a second payment authorization', () => {
    expect(given([created, paymentRequested, confirmed]).when(confirmOrder)).toEqual([]);
  });

  it('rejects confirming before payment is requested', () => {
    expect(() => given([created]).when(confirmOrder)).toThrow(/payment not requested/);
  });

  it('rejects confirming a cancelled order', () => {
    const cancelled = given([created, paymentRequested, cancelledDeclined]);

    expect(() => cancelled.when(confirmOrder)).toThrow(InvalidOrderCommandError);
  });

  it('cancels for stock before payment is requested', () => {
    expect(given([created]).when(cancelForStock)).toEqual([cancelledOutOfStock]);
  });

  it('cancels for a declined payment', () => {
    expect(given([created, paymentRequested]).when(cancelForPayment)).toEqual([
      cancelledDeclined,
    ]);
  });

  it('ignores a second cancellation', () => {
    expect(given([created, cancelledOutOfStock]).when(cancelForStock)).toEqual([]);
  });

  it('rejects cancelling a confirmed order', () => {
    expect(() => given([created, paymentRequested, confirmed]).when(cancelForPayment)).toThrow(
      InvalidOrderCommandError,
    );
  });

  it('rejects a stock cancellation after payment is requested', () => {
    expect(() => given([created, paymentRequested]).when(cancelForStock)).toThrow(
      /out_of_stock is not possible after/,
    );
  });

  it('rejects a declined payment before payment is requested', () => {
    expect(() => given([created]).when(cancelForPayment)).toThrow(
      /payment_declined is not possible before/,
    );
  });

  it.each([requestPayment, confirmOrder, cancelForStock])(
    'rejects $type for an unknown order',
    (command) => {
      expect(() => given([]).when(command)).toThrow(OrderNotFoundError);
    },
  );
});

describe('order view', () => {
  it('is undefined for an unknown order', () => {
    expect(toOrderView(foldOrder([]))).toBeUndefined();
  });

  it('shows a pending order without the payment token', () => {
    const view = toOrderView(foldOrder([created, paymentRequested]));

    expect(view).toEqual({
      orderId,
      customerId,
      status: 'PENDING',
      items: createData.items,
      total: eur(6450),
    });
  });

  it('shows a confirmed order', () => {
    expect(toOrderView(foldOrder([created, paymentRequested, confirmed]))?.status).toBe(
      'CONFIRMED',
    );
  });

  it('shows the cancellation reason', () => {
    const view = toOrderView(foldOrder([created, paymentRequested, cancelledDeclined]));

    expect(view?.cancellationReason).toBe('payment_declined');
  });
});
