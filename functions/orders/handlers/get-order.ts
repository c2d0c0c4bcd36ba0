import type { Logger } from '@aws-lambda-powertools/logger';
import { OrderPathParameters, OrderView } from '../../../schemas/orders-api';
import { HttpError } from '../../../lib/errors';
import { createHttpHandler, type HttpHandler } from '../../../lib/http/handler';
import { jsonResponse } from '../../../lib/http/responses';
import type { OrderStore } from '../adapters/order-store';
import { foldOrder } from '../domain/evolve';
import { toOrderView } from '../domain/view';

export interface GetOrderDependencies {
  logger: Logger;
  store: Pick<OrderStore, 'load'>;
}

/** Builds the `GET /orders/{orderId}` handler, which folds the order's event stream. */
export function buildGetOrderHandler(deps: GetOrderDependencies): HttpHandler {
  const schemas = { pathParameters: OrderPathParameters };

  return createHttpHandler({ logger: deps.logger, schemas }, async (event) => {
    const { orderId } = event.pathParameters;
    const stream = await deps.store.load(orderId);
    const view = toOrderView(foldOrder(stream.events));
    if (view === undefined) {
      throw new HttpError(404, `Order ${orderId} not found`);
    }

    return jsonResponse(OrderView, 200, view);
  });
}
