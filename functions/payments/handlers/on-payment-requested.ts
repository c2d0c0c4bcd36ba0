import type { Logger } from '@aws-lambda-powertools/logger';
import type { z } from 'zod';
import type { IntegrationEvent } from '../../../schemas/event-definition';
import { PaymentRequested } from '../../../schemas/order-events';
import { PaymentAuthorized, PaymentDeclined } from '../../../schemas/payment-events';
import { causedBy, createMetadata, toIntegrationEvent } from '../../../lib/envelope';
import type { Clock, IdGenerator } from '../../../lib/runtime';
import { createSqsHandler, type SqsHandler } from '../../../lib/sqs-batch';
import type { PaymentsStore } from '../adapters/payments-store';
import {
  assertNever,
  type PaymentOutcome,
  type PaymentProvider,
  toPaymentOutcome,
} from '../domain/payment';

export interface PaymentRequestedDependencies {
  logger: Logger;
  store: PaymentsStore;
  provider: PaymentProvider;
  newId: IdGenerator;
  now: Clock;
}

type PaymentRequestedEvent = z.output<typeof PaymentRequested.envelope>;

/** Builds the SQS handler that charges each PaymentRequested once. */
export function buildPaymentRequestedHandler(deps: PaymentRequestedDependencies): SqsHandler {
  return createSqsHandler(
    { logger: deps.logger, schema: PaymentRequested.envelope },
    (event, record) => handlePaymentRequested(deps, event, record.messageId),
  );
}

/**
 * Charges the payment and stores the outcome, which the outbox relay publishes. An event
 * that was already processed, such as a replayed one, and an order with a stored outcome
 * are not charged again.
 */
export async function handlePaymentRequested(
  deps: PaymentRequestedDependencies,
  event: PaymentRequestedEvent,
  messageId: string,
): Promise<void> {
  const { metadata, data } = event.detail;
  const { orderId } = data;
  const fields = { orderId, correlationId: metadata.correlationId, messageId };

  if (await deps.store.isProcessed(metadata.eventId)) {
    deps.logger.info('event already processed, ignored', { ...fields, eventId: metadata.eventId });
    return;
  }
  const existing = await deps.store.find(orderId);
  if (existing) {
    deps.logger.info('payment already processed, event ignored', fields);
    return;
  }

  const request = { orderId, amount: data.amount, token: data.paymentToken };
  // NOTE: a crash between this call and the save below charges again on redelivery,
  // unless the provider deduplicates by orderId. The simulated provider keeps no state.
  const outcome = toPaymentOutcome(request, await deps.provider(request));
  const outbox = toOutcomeEvent(
    outcome,
    createMetadata(causedBy(metadata), deps.newId, deps.now),
  );
  const status = outcome.type === 'PaymentAuthorized' ? 'AUTHORIZED' : 'DECLINED';
  const saved = await deps.store.save({ orderId, status, outbox }, metadata.eventId);
  if (saved === 'already_exists') {
    // A concurrent delivery stored its outcome first, and the relay publishes that one.
    deps.logger.info('payment already processed, event ignored', fields);
    return;
  }
  deps.logger.info('payment processed', { ...fields, outcome: outcome.type });
}

function toOutcomeEvent(
  outcome: PaymentOutcome,
  metadata: IntegrationEvent['detail']['metadata'],
): IntegrationEvent {
  switch (outcome.type) {
    case 'PaymentAuthorized':
      return toIntegrationEvent(PaymentAuthorized, outcome.data, metadata);
    case 'PaymentDeclined':
      return toIntegrationEvent(PaymentDeclined, outcome.data, metadata);
    default:
      return assertNever(outcome);
  }
}
