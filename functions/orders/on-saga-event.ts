import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createEventPublisher } from '../../lib/event-publisher';
import { createLogger } from '../../lib/logger';
import { randomId, systemClock } from '../../lib/runtime';
import { createDynamoOrderStore } from './adapters/order-store';
import { buildSagaEventHandler } from './handlers/on-saga-event';

const config = readConfig(['ORDERS_TABLE', 'EVENT_BUS_NAME']);

/** SQS consumer of the inventory and payments outcomes that move an order along. */
export const handler = buildSagaEventHandler({
  logger: createLogger(),
  store: createDynamoOrderStore(createDocumentClient(), config.ORDERS_TABLE),
  publish: createEventPublisher(config.EVENT_BUS_NAME),
  newId: randomId,
  now: systemClock,
});
