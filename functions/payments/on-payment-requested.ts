import { readConfig } from '../../lib/config';
import { createDocumentClient } from '../../lib/dynamodb';
import { createLogger } from '../../lib/logger';
import { randomId, systemClock } from '../../lib/runtime';
import { createDynamoPaymentsStore } from './adapters/payments-store';
import { createSimulatedPaymentProvider } from './adapters/simulated-provider';
import { buildPaymentRequestedHandler } from './handlers/on-payment-requested';

const config = readConfig(['PAYMENTS_TABLE']);

/** SQS consumer of PaymentRequested. */
export const handler = buildPaymentRequestedHandler({
  logger: createLogger(),
  store: createDynamoPaymentsStore(createDocumentClient(), config.PAYMENTS_TABLE),
  provider: createSimulatedPaymentProvider(randomId),
  newId: randomId,
  now: systemClock,
});
