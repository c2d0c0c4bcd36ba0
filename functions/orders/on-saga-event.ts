import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { randomId, systemClock } from '../../lib/runtime';
import { createDynamoOrderStore } from './adapters/order-store';
import { buildSagaEventHandler } from './handlers/on-saga-event';

const config = readConfig(['ORDERS_TABLE']);

/** SQS consumer of the inventory and payments outcomes that move an order along. */
export const handler = buildSagaEventHandler({
  logger: createLogger(),
  store: createDynamoOrderStore(createDocumentClient(), config.ORDERS_TABLE),
  newId: randomId,
  now: systemClock,
});
