import type { Money, PricedLine } from '../../../schemas/common';
import type {
  CancelOrder,
  ConfirmOrder,
  CreateOrder,
  OrderCommand,
  RequestPayment,
} from './commands';
import { InvalidOrderCommandError, OrderNotFoundError } from './errors';
import type { OrderEvent } from './events';
import { assertNever } from './evolve';
import type { OrderState } from './state';

/**
 * Decides which events a command produces in the given state. A command that repeats
 * one already applied (a redelivered saga event) returns no events.
 *
 * @throws OrderNotFoundError when the command needs an existing order.
 * @throws InvalidOrderCommandError when the command is not valid in this state.
 */
export function decide(command: OrderCommand, state: OrderState): OrderEvent[] {
  switch (command.type) {
    case 'CreateOrder':
      return createOrder(command, state);
    case 'RequestPayment':
      return requestPayment(command, state);
    case 'ConfirmOrder':
      return confirmOrder(command, state);
    case 'CancelOrder':
      return cancelOrder(command, state);
    default:
      return assertNever(command);
  }
}

function createOrder(command: CreateOrder, state: OrderState): OrderEvent[] {
  const { orderId, items } = command.data;
  if (state.status !== 'UNKNOWN') {
    throw new InvalidOrderCommandError(command.type, orderId, 'order already exists');
  }
  if (items.length === 0) {
    throw new InvalidOrderCommandError(command.type, orderId, 'order has no items');
  }

  const total = sumLines(orderId, items);

  return [{ type: 'OrderCreated', data: { ...command.data, total } }];
}

function requestPayment(command: RequestPayment, state: OrderState): OrderEvent[] {
  const { orderId } = command.data;
  if (state.status === 'UNKNOWN') {
    throw new OrderNotFoundError(orderId);
  }
  if (state.paymentRequested) {
    return [];
  }
  if (state.status !== 'PENDING') {
    throw new InvalidOrderCommandError(command.type, orderId, `order is ${state.status}`);
  }
  const { customerId, total, paymentToken } = state.order;

  return [
    { type: 'PaymentRequested', data: { orderId, customerId, amount: total, paymentToken } },
  ];
}

function confirmOrder(command: ConfirmOrder, state: OrderState): OrderEvent[] {
  const { orderId } = command.data;
  switch (state.status) {
    case 'UNKNOWN':
      throw new OrderNotFoundError(orderId);
    case 'CONFIRMED':
      return [];
    case 'CANCELLED':
      throw new InvalidOrderCommandError(command.type, orderId, 'order is CANCELLED');
    case 'PENDING':
      if (!state.paymentRequested) {
        throw new InvalidOrderCommandError(command.type, orderId, 'payment not requested');
      }

      return [
        { type: 'OrderConfirmed', data: { orderId, customerId: state.order.customerId } },
      ];
    default:
      return assertNever(state);
  }
}

function cancelOrder(command: CancelOrder, state: OrderState): OrderEvent[] {
  const { orderId, reason } = command.data;
  switch (state.status) {
    case 'UNKNOWN':
      throw new OrderNotFoundError(orderId);
    case 'CANCELLED':
      return [];
    case 'CONFIRMED':
      throw new InvalidOrderCommandError(command.type, orderId, 'order is CONFIRMED');
    case 'PENDING': {
      // A stock shortage comes before payment is requested, a declined payment after.
      const expectsPaymentRequested = reason === 'payment_declined';
      if (state.paymentRequested !== expectsPaymentRequested) {
        const phase = state.paymentRequested ? 'after' : 'before';
        throw new InvalidOrderCommandError(
          command.type,
          orderId,
          `${reason} is not possible ${phase} payment was requested`,
        );
      }
      const customerId = state.order.customerId;

      return [{ type: 'OrderCancelled', data: { orderId, customerId, reason } }];
    }
    default:
      return assertNever(state);
  }
}

/**
 * Sums the lines in minor units.
 *
 * @throws InvalidOrderCommandError when the lines use more than one currency.
 */
function sumLines(orderId: string, items: readonly PricedLine[]): Money {
  const currencies = new Set(items.map((item) => item.unitPrice.currency));
  const [currency] = currencies;
  if (currencies.size !== 1 || currency === undefined) {
    throw new InvalidOrderCommandError(
      'CreateOrder',
      orderId,
      `lines use ${currencies.size} currencies, expected one`,
    );
  }
  const amount = items.reduce(
    (sum, item) => sum + item.unitPrice.amount * item.quantity,
    0,
  );
  if (!Number.isSafeInteger(amount)) {
    throw new InvalidOrderCommandError('CreateOrder', orderId, 'total is too large');
  }

  return { amount, currency };
}
