import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { createDynamoNotificationsStore } from './adapters/notifications-store';
import { buildListNotificationsHandler } from './handlers/list-notifications';

const config = readConfig(['NOTIFICATIONS_TABLE']);

/** `GET /notifications?orderId=...` */
export const handler = buildListNotificationsHandler({
  logger: createLogger(),
  store: createDynamoNotificationsStore(createDocumentClient(), config.NOTIFICATIONS_TABLE),
});
