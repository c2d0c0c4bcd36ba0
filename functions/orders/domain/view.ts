import type { OrderView } from '../../../schemas/orders-api';
import type { OrderState } from './state';

/** Projects the order state to the `GET /orders/{orderId}` body, or undefined. */
export function toOrderView(state: OrderState): OrderView | undefined {
  if (state.status === 'UNKNOWN') {
    return undefined;
  }
  const { orderId, customerId, items, total } = state.order;
  const view: OrderView = { orderId, customerId, status: state.status, items, total };
  if (state.status === 'CANCELLED') {
    view.cancellationReason = state.reason;
  }

  return view;
}
