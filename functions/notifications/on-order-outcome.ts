import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { systemClock } from '../../lib/runtime';
import { createDynamoNotificationsStore } from './adapters/notifications-store';
import { buildOrderOutcomeHandler } from './handlers/on-order-outcome';

const config = readConfig(['NOTIFICATIONS_TABLE']);

/** SQS consumer of OrderConfirmed and OrderCancelled. */
export const handler = buildOrderOutcomeHandler({
  logger: createLogger(),
  store: createDynamoNotificationsStore(createDocumentClient(), config.NOTIFICATIONS_TABLE),
  now: systemClock,
});
