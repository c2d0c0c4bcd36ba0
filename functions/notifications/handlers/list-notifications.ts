import type { Logger } from '@aws-lambda-powertools/logger';
import {
  ListNotificationsQuery,
  NotificationList,
} from '../../../schemas/notifications-api';
import { createHttpHandler, type HttpHandler } from '../../../lib/http/handler';
import { jsonResponse } from '../../../lib/http/responses';
import type { NotificationsStore } from '../adapters/notifications-store';

export interface ListNotificationsDependencies {
  logger: Logger;
  store: Pick<NotificationsStore, 'listByOrder'>;
}

/** Builds the `GET /notifications?orderId=...` handler. */
export function buildListNotificationsHandler(
  deps: ListNotificationsDependencies,
): HttpHandler {
  const schemas = { queryStringParameters: ListNotificationsQuery };

  return createHttpHandler({ logger: deps.logger, schemas }, async (event) => {
    const { orderId } = event.queryStringParameters;
    const notifications = await deps.store.listByOrder(orderId);

    return jsonResponse(NotificationList, 200, notifications);
  });
}
