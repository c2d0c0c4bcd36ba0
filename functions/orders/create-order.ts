import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { randomId, systemClock } from '../../lib/runtime';
import { createDynamoOrderStore } from './adapters/order-store';
import { createPriceLookup } from './adapters/product-catalog';
import { buildCreateOrderHandler } from './handlers/create-order';

const config = readConfig(['ORDERS_TABLE', 'PRODUCTS_TABLE']);
const client = createDocumentClient();

/** `POST /orders` */
export const handler = buildCreateOrderHandler({
  logger: createLogger(),
  store: createDynamoOrderStore(client, config.ORDERS_TABLE),
  findPrices: createPriceLookup(client, config.PRODUCTS_TABLE),
  newId: randomId,
  now: systemClock,
});
