import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { createDynamoOrderStore } from './adapters/order-store';
import { buildGetOrderHandler } from './handlers/get-order';

const config = readConfig(['ORDERS_TABLE']);

/** `GET /orders/{orderId}` */
export const handler = buildGetOrderHandler({
  logger: createLogger(),
  store: createDynamoOrderStore(createDocumentClient(), config.ORDERS_TABLE),
});
