import type { Logger } from '@aws-lambda-powertools/logger';
import { CreateOrderRequest, CreateOrderResponse } from '../../../schemas/orders-api';
import { ConcurrencyError, HttpError } from '../../../lib/errors';
import { jsonResponse } from '../../../lib/http/responses';
import { hashCanonicalJson, MAX_IDEMPOTENCY_KEY_LENGTH } from '../adapters/idempotency';
import type { IdempotencyRecord, OrderStore } from '../adapters/order-store';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** An Idempotency-Key with the hash of the request body it came with. */
export type Idempotency = Omit<IdempotencyRecord, 'orderId'>;

interface ReplayDependencies {
  logger: Logger;
  store: Pick<OrderStore, 'findIdempotencyRecord'>;
}

/** Reads the optional Idempotency-Key header and hashes the parsed request body. */
export function readIdempotency(
  header: string | undefined,
  request: CreateOrderRequest,
): Idempotency | undefined {
  if (header === undefined) {
    return undefined;
  }
  const key = header.trim();
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new HttpError(400, `Invalid ${IDEMPOTENCY_HEADER} header`, [
      {
        path: `headers.${IDEMPOTENCY_HEADER.toLowerCase()}`,
        message: `Expected 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
      },
    ]);
  }

  return { key, requestHash: hashCanonicalJson(request) };
}

/**
 * Returns the order that an earlier request with the same key created.
 *
 * @throws HttpError 422 when the key was used with a different body.
 */
export async function replayOrder(
  deps: ReplayDependencies,
  record: IdempotencyRecord,
  requestHash: string,
) {
  if (record.requestHash !== requestHash) {
    throw new HttpError(
      422,
      `${IDEMPOTENCY_HEADER} was already used with a different request body`,
    );
  }
  const { orderId } = record;
  deps.logger.info('idempotent request replayed', { orderId });

  return createdResponse(orderId);
}

/**
 * Returns the winner's order when a concurrent request with the same Idempotency-Key
 * stored its order first. Rethrows any other error.
 */
export async function recoverFromKeyRace(
  deps: ReplayDependencies,
  error: unknown,
  idempotency: Idempotency | undefined,
) {
  if (!(error instanceof ConcurrencyError) || idempotency === undefined) {
    throw error;
  }
  const winner = await deps.store.findIdempotencyRecord(idempotency.key);
  if (winner === undefined) {
    throw error;
  }

  return replayOrder(deps, winner, idempotency.requestHash);
}

/** Builds the 201 response of `POST /orders`. */
export function createdResponse(orderId: string) {
  return jsonResponse(
    CreateOrderResponse,
    201,
    { orderId, status: 'PENDING' },
    { location: `/orders/${orderId}` },
  );
}
