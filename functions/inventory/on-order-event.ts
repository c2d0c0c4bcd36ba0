import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createEventPublisher } from '../../lib/event-publisher';
import { createLogger } from '../../lib/logger';
import { randomId, systemClock } from '../../lib/runtime';
import { createDynamoInventoryStore } from './adapters/inventory-store';
import { buildOrderEventHandler } from './handlers/on-order-event';

const config = readConfig(['PRODUCTS_TABLE', 'RESERVATIONS_TABLE', 'EVENT_BUS_NAME']);

/** SQS consumer of OrderCreated (reserve stock) and OrderCancelled (release stock). */
export const handler = buildOrderEventHandler({
  logger: createLogger(),
  store: createDynamoInventoryStore(createDocumentClient(), {
    productsTable: config.PRODUCTS_TABLE,
    reservationsTable: config.RESERVATIONS_TABLE,
  }),
  publish: createEventPublisher(config.EVENT_BUS_NAME),
  newId: randomId,
  now: systemClock,
});
