import type { Logger } from '@aws-lambda-powertools/logger';
import { OrderPathParameters, OrderView } from '../../../schemas/orders-api';
import { HttpError } from '../../../lib/errors';
import { createHttpHandler, type HttpHandler } from '../../../lib/http/handler';
import { jsonResponse } from '../../../lib/http/responses';

export interface GetOrderDependencies {
  logger: Logger;
  /** Reads the order view, which a projection of the order streams keeps current. */
  findView: (orderId: string) => Promise<OrderView | undefined>;
}

/** Builds the `GET /orders/{orderId}` handler, which reads the order view. */
export function buildGetOrderHandler(deps: GetOrderDependencies): HttpHandler {
  const schemas = { pathParameters: OrderPathParameters };

  return createHttpHandler({ logger: deps.logger, schemas }, async (event) => {
    const { orderId } = event.pathParameters;
    const view = await deps.findView(orderId);
    if (view === undefined) {
      throw new HttpError(404, `Order ${orderId} not found`);
    }

    return jsonResponse(OrderView, 200, view);
  });
}
