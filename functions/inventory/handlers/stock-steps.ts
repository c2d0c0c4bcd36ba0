import type { StockLine } from '../../../schemas/common';
import type { EventMetadata } from '../../../schemas/event-definition';
import {
  StockReleased,
  StockReservationFailed,
  StockReserved,
} from '../../../schemas/inventory-events';
import { causedBy, createMetadata, toIntegrationEvent } from '../../../lib/envelope';
import type { Clock, IdGenerator } from '../../../lib/runtime';
import type { InventoryStore } from '../adapters/inventory-store';
import { findUnavailable } from '../domain/stock';

/** Result of one attempt. `retry` means the data changed and must be read again. */
export type StepOutcome =
  | { kind: 'stored'; detailType: string }
  | { kind: 'ignored'; reason: string }
  | { kind: 'retry' };

interface StepDependencies {
  store: InventoryStore;
  newId: IdGenerator;
  now: Clock;
}

/**
 * Reads the stock of every line and decides: if each sku has the units, appends the
 * reservation to every sku stream and StockReserved in one transaction, otherwise stores
 * StockReservationFailed. A sku stream that moved on since the read returns `retry`, so
 * the caller reads again and decides again. The outbox relay publishes what is stored.
 */
export async function reserveStock(
  deps: StepDependencies,
  orderId: string,
  lines: StockLine[],
  cause: EventMetadata,
): Promise<StepOutcome> {
  const levels = await deps.store.readStock(lines.map((line) => line.sku));
  const available = new Map([...levels].map(([sku, level]) => [sku, level.available]));
  const unavailable = findUnavailable(lines, available);
  const metadata = createMetadata(causedBy(cause), deps.newId, deps.now);
  if (unavailable.length > 0) {
    const data = { orderId, reason: 'out_of_stock' as const, unavailable };
    const failed = toIntegrationEvent(StockReservationFailed, data, metadata);
    const shortSkus = unavailable.map((line) => line.sku);
    const result = await deps.store.reject(orderId, shortSkus, levels, failed, cause.eventId);

    return result === 'rejected' ? stored(failed) : { kind: 'retry' };
  }
  const reserved = toIntegrationEvent(StockReserved, { orderId, items: lines }, metadata);
  const result = await deps.store.reserve(orderId, lines, levels, reserved, cause.eventId);

  return result === 'reserved' ? stored(reserved) : { kind: 'retry' };
}

/** Appends StockReleased to every sku stream and to the reservation stream. */
export async function releaseStock(
  deps: StepDependencies,
  orderId: string,
  lines: StockLine[],
  cause: EventMetadata,
): Promise<StepOutcome> {
  const levels = await deps.store.readStock(lines.map((line) => line.sku));
  const metadata = createMetadata(causedBy(cause), deps.newId, deps.now);
  const released = toIntegrationEvent(StockReleased, { orderId, items: lines }, metadata);
  const result = await deps.store.release(orderId, lines, levels, released, cause.eventId);

  return result === 'released' ? stored(released) : { kind: 'retry' };
}

function stored(event: { detailType: string }): StepOutcome {
  return { kind: 'stored', detailType: event.detailType };
}
