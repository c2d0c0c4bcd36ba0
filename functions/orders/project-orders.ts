import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { buildProjectOrdersHandler } from './handlers/project-orders';

const config = readConfig(['ORDER_VIEWS_TABLE', 'CUSTOMER_ORDERS_TABLE']);

/** DynamoDB Streams consumer of ORDERS_TABLE that keeps the order views current. */
export const handler = buildProjectOrdersHandler({
  logger: createLogger(),
  client: createDocumentClient(),
  orderViewsTable: config.ORDER_VIEWS_TABLE,
  customerOrdersTable: config.CUSTOMER_ORDERS_TABLE,
});
