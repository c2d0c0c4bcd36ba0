import type { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import type { EventMetadata } from '../../../schemas/event-definition';
import {
  StockReservationFailed,
  StockReserved,
} from '../../../schemas/inventory-events';
import { PaymentAuthorized, PaymentDeclined } from '../../../schemas/payment-events';
import { causedBy } from '../../../lib/envelope';
import { ConcurrencyError } from '../../../lib/errors';
import { retryOnConflict } from '../../../lib/retry';
import type { Clock, IdGenerator } from '../../../lib/runtime';
import { createSqsHandler, type SqsHandler } from '../../../lib/sqs-batch';
import { recordEvents } from '../adapters/integration-events';
import type { OrderStore } from '../adapters/order-store';
import type { OrderCommand } from '../domain/commands';
import { decide } from '../domain/decide';
import { assertNever, foldOrder } from '../domain/evolve';

/** Events from inventory and payments that move an order along its saga. */
export const SagaEvent = z.discriminatedUnion('detail-type', [
  StockReserved.envelope,
  StockReservationFailed.envelope,
  PaymentAuthorized.envelope,
  PaymentDeclined.envelope,
]);
export type SagaEvent = z.output<typeof SagaEvent>;

export interface SagaEventDependencies {
  logger: Logger;
  store: OrderStore;
  newId: IdGenerator;
  now: Clock;
}

/** Attempts per event when concurrent writers keep moving the order stream on. */
export const MAX_APPEND_ATTEMPTS = 8;

type Outcome = 'stored' | 'duplicate' | 'ignored' | 'conflict';

/** Builds the SQS handler that turns saga events into order commands. */
export function buildSagaEventHandler(deps: SagaEventDependencies): SqsHandler {
  return createSqsHandler({ logger: deps.logger, schema: SagaEvent }, (event, record) =>
    handleSagaEvent(deps, event, record.messageId),
  );
}

/**
 * Decides and stores the order's reaction to a saga event, with the event's id. The
 * outbox relay publishes what is stored. An event whose id is recorded, or whose
 * effects are already in the stream, is a redelivery or a replay and changes nothing.
 */
export async function handleSagaEvent(
  deps: SagaEventDependencies,
  event: SagaEvent,
  messageId: string,
): Promise<void> {
  const command = toOrderCommand(event);
  const { metadata } = event.detail;
  const fields = {
    orderId: command.data.orderId,
    correlationId: metadata.correlationId,
    messageId,
    eventType: event['detail-type'],
  };
  const outcome = await retryOnConflict({
    maxAttempts: MAX_APPEND_ATTEMPTS,
    attempt: () => applyCommand(deps, command, metadata),
    isConflict: (result) => result === 'conflict',
    onConflict: (attempt) => deps.logger.warn('order stream changed, retrying', { ...fields, attempt }),
    exhausted: () =>
      new Error(`Order ${command.data.orderId} changed concurrently on all ${MAX_APPEND_ATTEMPTS} attempts`),
  });
  deps.logger.info('saga event handled', { ...fields, outcome });
}

async function applyCommand(
  deps: SagaEventDependencies,
  command: OrderCommand,
  cause: EventMetadata,
): Promise<Outcome> {
  const { orderId } = command.data;
  if (await deps.store.isProcessed(cause.eventId)) {
    return 'duplicate';
  }
  const stream = await deps.store.load(orderId);
  const earlier = stream.events.filter(
    (stored) => stored.metadata.causationId === cause.eventId,
  );
  if (earlier.length > 0) {
    return 'duplicate';
  }

  const events = decide(command, foldOrder(stream.events));
  if (events.length === 0) {
    return 'ignored';
  }
  const stored = recordEvents(events, causedBy(cause), deps);
  try {
    await deps.store.append(orderId, stream.version, stored, undefined, cause.eventId);
  } catch (error) {
    if (error instanceof ConcurrencyError) {
      return 'conflict';
    }
    throw error;
  }

  return 'stored';
}

/** Maps a saga event to the command it sends to the order. */
export function toOrderCommand(event: SagaEvent): OrderCommand {
  switch (event['detail-type']) {
    case 'StockReserved':
      return { type: 'RequestPayment', data: { orderId: event.detail.data.orderId } };
    case 'StockReservationFailed':
      return {
        type: 'CancelOrder',
        data: { orderId: event.detail.data.orderId, reason: 'out_of_stock' },
      };
    case 'PaymentAuthorized': {
      const { orderId, paymentId } = event.detail.data;

      return { type: 'ConfirmOrder', data: { orderId, paymentId } };
    }
    case 'PaymentDeclined':
      return {
        type: 'CancelOrder',
        data: { orderId: event.detail.data.orderId, reason: 'payment_declined' },
      };
    default:
      return assertNever(event);
  }
}
