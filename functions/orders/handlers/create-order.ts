import type { Logger } from '@aws-lambda-powertools/logger';
import type { PricedLine } from '../../../schemas/common';
import { CreateOrderRequest } from '../../../schemas/orders-api';
import { HttpError } from '../../../lib/errors';
import { createHttpHandler, getHeader, type HttpHandler } from '../../../lib/http/handler';
import type { Clock, IdGenerator } from '../../../lib/runtime';
import { recordEvents } from '../adapters/integration-events';
import type { OrderStore } from '../adapters/order-store';
import type { FindPrices } from '../adapters/product-catalog';
import { decide } from '../domain/decide';
import { InvalidOrderCommandError } from '../domain/errors';
import { initialOrderState } from '../domain/state';
import {
  createdResponse,
  IDEMPOTENCY_HEADER,
  type Idempotency,
  readIdempotency,
  recoverFromKeyRace,
  replayOrder,
} from './idempotent-replay';

export interface CreateOrderDependencies {
  logger: Logger;
  store: OrderStore;
  findPrices: FindPrices;
  newId: IdGenerator;
  now: Clock;
}

/** Builds the `POST /orders` handler. */
export function buildCreateOrderHandler(deps: CreateOrderDependencies): HttpHandler {
  const schemas = { body: CreateOrderRequest };

  return createHttpHandler({ logger: deps.logger, schemas }, async (event) => {
    const request = event.body;
    const header = getHeader(event.headers, IDEMPOTENCY_HEADER);
    const idempotency = readIdempotency(header, request);
    const earlier = idempotency && (await deps.store.findIdempotencyRecord(idempotency.key));
    if (idempotency && earlier) {
      return replayOrder(deps, earlier, idempotency.requestHash);
    }

    const items = await priceItems(deps.findPrices, request.items);
    const order = { orderId: deps.newId(), customerId: request.customerId, items };
    const requestId = event.requestContext.requestId;
    try {
      await placeOrder(deps, order, request.payment.token, requestId, idempotency);
    } catch (error) {
      return recoverFromKeyRace(deps, error, idempotency);
    }

    return createdResponse(order.orderId);
  });
}

/**
 * Adds the catalog unit price to each line.
 *
 * @throws HttpError 400 with one issue per unknown sku, at path `items.N.sku`.
 */
async function priceItems(
  findPrices: FindPrices,
  lines: CreateOrderRequest['items'],
): Promise<PricedLine[]> {
  const prices = await findPrices(lines.map((line) => line.sku));
  const issues = lines.flatMap((line, index) =>
    prices.has(line.sku)
      ? []
      : [{ path: `items.${index}.sku`, message: `Unknown sku ${line.sku}` }],
  );
  if (issues.length > 0) {
    const paths = issues.map((issue) => issue.path).join(', ');
    throw new HttpError(400, `Invalid request body: ${paths}`, issues);
  }

  return lines.flatMap((line) => {
    const unitPrice = prices.get(line.sku);

    return unitPrice ? [{ ...line, unitPrice }] : [];
  });
}

/**
 * Decides and stores OrderCreated, which starts a new saga. The outbox relay publishes
 * it from the table's stream, so a failure to publish leaves nothing to repair here.
 */
async function placeOrder(
  deps: CreateOrderDependencies,
  order: { orderId: string; customerId: string; items: PricedLine[] },
  paymentToken: string,
  requestId: string,
  idempotency: Idempotency | undefined,
): Promise<void> {
  const { orderId } = order;
  const events = decideCreation({ ...order, paymentToken });
  const correlationId = deps.newId();
  const stored = recordEvents(events, { correlationId, causationId: requestId }, deps);
  const record = idempotency ? { ...idempotency, orderId } : undefined;
  await deps.store.append(orderId, 0, stored, record);
  deps.logger.info('order created', { orderId, correlationId });
}

function decideCreation(data: {
  orderId: string;
  customerId: string;
  items: PricedLine[];
  paymentToken: string;
}) {
  try {
    return decide({ type: 'CreateOrder', data }, initialOrderState);
  } catch (error) {
    if (error instanceof InvalidOrderCommandError) {
      // The order id was only just generated and is never stored, so the message leaves it out.
      throw new HttpError(422, `The order cannot be created: ${error.reason}.`, undefined, { cause: error });
    }
    throw error;
  }
}
