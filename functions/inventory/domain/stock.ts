import type { StockLine } from '../../../schemas/common';
import type { UnavailableLine } from '../../../schemas/inventory-events';

/**
 * Lists the lines whose requested quantity exceeds the available stock. A sku that is
 * missing from `available` counts as 0 units.
 */
export function findUnavailable(
  lines: readonly StockLine[],
  available: ReadonlyMap<string, number>,
): UnavailableLine[] {
  return lines.flatMap((line) => {
    const units = available.get(line.sku) ?? 0;

    return units >= line.quantity
      ? []
      : [{ sku: line.sku, requested: line.quantity, available: units }];
  });
}

/**
 * An event of one sku's stock stream. StockAdded comes from the catalog seed or a
 * delivery, and StockReserved and StockReleased move units for one order.
 */
export type StockEvent =
  | { type: 'StockAdded'; data: { sku: string; quantity: number } }
  | { type: 'StockReserved'; data: { sku: string; quantity: number; orderId: string } }
  | { type: 'StockReleased'; data: { sku: string; quantity: number; orderId: string } };

/** The stock of one sku, folded from its stream, at the version of its last event. */
export interface StockLevel {
  available: number;
  version: number;
}

export const emptyStock: StockLevel = { available: 0, version: 0 };

/** Returns the change in available units that one stock event makes. */
export function stockDelta(event: StockEvent): number {
  switch (event.type) {
    case 'StockAdded':
    case 'StockReleased':
      return event.data.quantity;
    case 'StockReserved':
      return -event.data.quantity;
  }
}

/** Folds a sku's stock events, in version order, into its current stock level. */
export function foldStock(events: readonly StockEvent[]): StockLevel {
  return events.reduce(
    (level, event) => ({ available: level.available + stockDelta(event), version: level.version + 1 }),
    emptyStock,
  );
}

/** Builds one stock event per line that reserves or releases the units of an order. */
export function stockMoves(
  orderId: string,
  lines: readonly StockLine[],
  type: 'StockReserved' | 'StockReleased',
): StockEvent[] {
  return lines.map((line) => ({ type, data: { sku: line.sku, quantity: line.quantity, orderId } }));
}
