import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { getOrderView } from './adapters/order-view-queries';
import { buildGetOrderHandler } from './handlers/get-order';

const config = readConfig(['ORDER_VIEWS_TABLE']);
const client = createDocumentClient();

/** `GET /orders/{orderId}` */
export const handler = buildGetOrderHandler({
  logger: createLogger(),
  findView: (orderId) => getOrderView(client, config.ORDER_VIEWS_TABLE, orderId),
});
