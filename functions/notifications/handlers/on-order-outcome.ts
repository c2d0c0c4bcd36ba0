import type { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { OrderCancelled, OrderConfirmed } from '../../../schemas/order-events';
import type { Clock } from '../../../lib/runtime';
import { createSqsHandler, type SqsHandler } from '../../../lib/sqs-batch';
import type { NotificationsStore } from '../adapters/notifications-store';
import { assertNever, type OrderOutcome, toNotification } from '../domain/notification';

/** Order events that notifications reacts to. */
export const OrderOutcomeEvent = z.discriminatedUnion('detail-type', [
  OrderConfirmed.envelope,
  OrderCancelled.envelope,
]);
export type OrderOutcomeEvent = z.output<typeof OrderOutcomeEvent>;

export interface OrderOutcomeDependencies {
  logger: Logger;
  store: NotificationsStore;
  now: Clock;
}

/** Builds the SQS handler that sends one notification per order and outcome. */
export function buildOrderOutcomeHandler(deps: OrderOutcomeDependencies): SqsHandler {
  const options = { logger: deps.logger, schema: OrderOutcomeEvent };

  return createSqsHandler(options, (event, record) =>
    sendNotification(deps, event, record.messageId),
  );
}

/**
 * Records the notification and logs it as sent. A processed event, such as a replayed
 * one, and a notification of the same order and kind that was already recorded are not
 * sent again.
 */
export async function sendNotification(
  deps: OrderOutcomeDependencies,
  event: OrderOutcomeEvent,
  messageId: string,
): Promise<void> {
  const notification = toNotification(toOrderOutcome(event), deps.now());
  const fields = {
    orderId: notification.orderId,
    correlationId: event.detail.metadata.correlationId,
    messageId,
    kind: notification.kind,
  };
  const { eventId } = event.detail.metadata;
  if (await deps.store.isProcessed(eventId)) {
    deps.logger.info('event already processed, ignored', { ...fields, eventId });
    return;
  }
  const result = await deps.store.save(notification, eventId);
  if (result === 'duplicate') {
    deps.logger.info('duplicate notification ignored', fields);
    return;
  }
  deps.logger.info('notification sent', {
    ...fields,
    customerId: notification.customerId,
    subject: notification.subject,
  });
}

function toOrderOutcome(event: OrderOutcomeEvent): OrderOutcome {
  switch (event['detail-type']) {
    case 'OrderConfirmed':
      return { type: 'OrderConfirmed', data: event.detail.data };
    case 'OrderCancelled':
      return { type: 'OrderCancelled', data: event.detail.data };
    default:
      return assertNever(event);
  }
}
