import type { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import type { EventMetadata } from '../../../schemas/event-definition';
import { OrderCancelled, OrderCreated } from '../../../schemas/order-events';
import { retryOnConflict } from '../../../lib/retry';
import type { Clock, IdGenerator } from '../../../lib/runtime';
import { createSqsHandler, type SqsHandler } from '../../../lib/sqs-batch';
import type { InventoryStore } from '../adapters/inventory-store';
import type { ReservationItem } from '../adapters/reservation-item';
import {
  assertNever,
  decideReservation,
  type InventoryCommand,
  type ReservationState,
} from '../domain/reservation';
import { releaseStock, reserveStock, type StepOutcome } from './stock-steps';

/** Order events that inventory reacts to. */
export const InventoryOrderEvent = z.discriminatedUnion('detail-type', [
  OrderCreated.envelope,
  OrderCancelled.envelope,
]);
export type InventoryOrderEvent = z.output<typeof InventoryOrderEvent>;

export interface OrderEventDependencies {
  logger: Logger;
  store: InventoryStore;
  newId: IdGenerator;
  now: Clock;
}

/**
 * Attempts per event while concurrent writers move the sku streams on. Each conflict
 * means another order committed, so many orders for one sku need several rounds.
 */
export const MAX_RESERVATION_ATTEMPTS = 30;

/**
 * Builds the SQS handler that reserves stock on OrderCreated and releases it on
 * OrderCancelled.
 */
export function buildOrderEventHandler(deps: OrderEventDependencies): SqsHandler {
  const options = { logger: deps.logger, schema: InventoryOrderEvent };

  return createSqsHandler(options, (event, record) =>
    handleOrderEvent(deps, event, record.messageId),
  );
}

export async function handleOrderEvent(
  deps: OrderEventDependencies,
  event: InventoryOrderEvent,
  messageId: string,
): Promise<void> {
  const command = toInventoryCommand(event);
  const { metadata } = event.detail;
  const fields = {
    orderId: command.data.orderId,
    correlationId: metadata.correlationId,
    messageId,
    eventType: event['detail-type'],
  };
  const outcome = await retryOnConflict({
    maxAttempts: MAX_RESERVATION_ATTEMPTS,
    attempt: () => applyCommand(deps, command, metadata),
    isConflict: (result) => result.kind === 'retry',
    onConflict: (attempt) => deps.logger.warn('reservation changed, retrying', { ...fields, attempt }),
    exhausted: () =>
      new Error(
        `Reservation of order ${command.data.orderId} changed concurrently ` +
          `on all ${MAX_RESERVATION_ATTEMPTS} attempts`,
      ),
  });
  deps.logger.info('order event handled', { ...fields, ...outcome });
}

async function applyCommand(
  deps: OrderEventDependencies,
  command: InventoryCommand,
  cause: EventMetadata,
): Promise<StepOutcome> {
  if (await deps.store.isProcessed(cause.eventId)) {
    return { kind: 'ignored', reason: 'event already processed' };
  }
  const reservation = await deps.store.findReservation(command.data.orderId);
  const decision = decideReservation(command, toReservationState(reservation));
  switch (decision.kind) {
    case 'reserve':
      return reserveStock(deps, command.data.orderId, decision.lines, cause);
    case 'release':
      return releaseStock(deps, command.data.orderId, decision.lines, cause);
    case 'ignore':
      return { kind: 'ignored', reason: decision.reason };
    default:
      return assertNever(decision);
  }
}

function toReservationState(reservation: ReservationItem | undefined): ReservationState {
  return reservation === undefined
    ? { status: 'NONE' }
    : { status: reservation.status, items: reservation.items };
}

/** Maps an order event to the inventory command it sends. */
export function toInventoryCommand(event: InventoryOrderEvent): InventoryCommand {
  switch (event['detail-type']) {
    case 'OrderCreated': {
      const { orderId, items } = event.detail.data;
      const lines = items.map(({ sku, quantity }) => ({ sku, quantity }));

      return { type: 'ReserveStock', data: { orderId, items: lines } };
    }
    case 'OrderCancelled':
      return { type: 'ReleaseStock', data: { orderId: event.detail.data.orderId } };
    default:
      return assertNever(event);
  }
}
