import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { randomId, systemClock } from '../../lib/runtime';
import { createDynamoInventoryStore } from './adapters/inventory-store';
import { buildOrderEventHandler } from './handlers/on-order-event';

const config = readConfig(['INVENTORY_TABLE']);

/** SQS consumer of OrderCreated (reserve stock) and OrderCancelled (release stock). */
export const handler = buildOrderEventHandler({
  logger: createLogger(),
  store: createDynamoInventoryStore(createDocumentClient(), config.INVENTORY_TABLE),
  newId: randomId,
  now: systemClock,
});
