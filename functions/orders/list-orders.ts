import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { listCustomerOrders } from './adapters/order-view-queries';
import { buildListOrdersHandler } from './handlers/list-orders';

const config = readConfig(['CUSTOMER_ORDERS_TABLE']);
const client = createDocumentClient();

/** `GET /orders?customerId=...` */
export const handler = buildListOrdersHandler({
  logger: createLogger(),
  listOrders: (query) => listCustomerOrders(client, config.CUSTOMER_ORDERS_TABLE, query),
});
