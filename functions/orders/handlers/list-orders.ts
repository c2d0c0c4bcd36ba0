import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type CustomerOrderList,
  ListOrdersQuery,
  CustomerOrderList as CustomerOrderListSchema,
} from '../../../schemas/orders-api';
import { HttpError } from '../../../lib/errors';
import { createHttpHandler, type HttpHandler } from '../../../lib/http/handler';
import { jsonResponse } from '../../../lib/http/responses';
import { InvalidPageTokenError } from '../adapters/order-view-queries';

export interface ListOrdersDependencies {
  logger: Logger;
  /** Reads one page of the customer orders view, newest first. */
  listOrders: (query: ListOrdersQuery) => Promise<CustomerOrderList>;
}

/** Builds the `GET /orders?customerId=...&limit=...&nextToken=...` handler. */
export function buildListOrdersHandler(deps: ListOrdersDependencies): HttpHandler {
  const schemas = { queryStringParameters: ListOrdersQuery };

  return createHttpHandler({ logger: deps.logger, schemas }, async (event) => {
    try {
      const page = await deps.listOrders(event.queryStringParameters);

      return jsonResponse(CustomerOrderListSchema, 200, page);
    } catch (error) {
      if (error instanceof InvalidPageTokenError) {
        const issues = [{ path: 'queryStringParameters.nextToken', message: error.message }];
        throw new HttpError(400, error.message, issues, { cause: error });
      }
      throw error;
    }
  });
}
