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
 * Reserves every line in one transaction that stores StockReserved. When stock is short,
 * stores StockReservationFailed with the units available at the reread. The outbox relay
 * publishes what is stored.
 */
export async function reserveStock(
  deps: StepDependencies,
  orderId: string,
  lines: StockLine[],
  cause: EventMetadata,
): Promise<StepOutcome> {
  const metadata = createMetadata(causedBy(cause), deps.newId, deps.now);
  const reserved = toIntegrationEvent(StockReserved, { orderId, items: lines }, metadata);
  const result = await deps.store.reserve(orderId, lines, reserved);
  switch (result) {
    case 'reserved':
      return { kind: 'stored', detailType: reserved.detailType };
    case 'insufficient_stock':
      return rejectReservation(deps, orderId, lines, metadata);
    case 'already_exists':
    case 'conflict':
      return { kind: 'retry' };
  }
}

async function rejectReservation(
  deps: StepDependencies,
  orderId: string,
  lines: StockLine[],
  metadata: EventMetadata,
): Promise<StepOutcome> {
  const available = await deps.store.readAvailable(lines.map((line) => line.sku));
  const unavailable = findUnavailable(lines, available);
  if (unavailable.length === 0) {
    // Stock came back between the transaction and the reread.
    return { kind: 'retry' };
  }
  const data = { orderId, reason: 'out_of_stock' as const, unavailable };
  const failed = toIntegrationEvent(StockReservationFailed, data, metadata);
  const result = await deps.store.reject(orderId, lines, failed);
  if (result === 'already_exists') {
    return { kind: 'retry' };
  }

  return { kind: 'stored', detailType: failed.detailType };
}

/** Returns the reserved lines to stock and stores StockReleased. */
export async function releaseStock(
  deps: StepDependencies,
  orderId: string,
  lines: StockLine[],
  cause: EventMetadata,
): Promise<StepOutcome> {
  const metadata = createMetadata(causedBy(cause), deps.newId, deps.now);
  const released = toIntegrationEvent(StockReleased, { orderId, items: lines }, metadata);
  const result = await deps.store.release(orderId, lines, released);
  if (result !== 'released') {
    return { kind: 'retry' };
  }

  return { kind: 'stored', detailType: released.detailType };
}
