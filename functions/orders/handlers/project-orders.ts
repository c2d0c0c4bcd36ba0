import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createStreamProjection } from '../../../lib/stream-projection';
import { parseVersionedOrderEvent } from '../adapters/order-store';
import { applyToOrderView } from '../adapters/order-views';

export interface ProjectOrdersDependencies {
  logger: Logger;
  client: DynamoDBDocumentClient;
  orderViewsTable: string;
  customerOrdersTable: string;
}

/**
 * Builds the handler that keeps the order view and the customer orders view current from
 * the order streams of ORDERS_TABLE. Idempotency records in that table are skipped.
 */
export function buildProjectOrdersHandler(deps: ProjectOrdersDependencies) {
  return createStreamProjection(deps.logger, async (item) => {
    if (!String(item['streamId']).startsWith('order#')) {
      return;
    }
    const event = parseVersionedOrderEvent(item);
    const { orderId, customerId } = event.data;
    const byOrder = await applyToOrderView(deps.client, deps.orderViewsTable, { orderId }, event);
    const byCustomer = await applyToOrderView(
      deps.client,
      deps.customerOrdersTable,
      { customerId, orderId },
      event,
    );
    const { version } = event;
    deps.logger.debug('order event projected', { orderId, version, byOrder, byCustomer });
  });
}
