import type { StockLine } from '../../../schemas/common';

export type ReservationStatus = 'RESERVED' | 'REJECTED' | 'RELEASED';

/** The reservation of one order, or NONE before its first command. */
export type ReservationState =
  | { status: 'NONE' }
  | { status: ReservationStatus; items: StockLine[] };

export interface ReserveStock {
  type: 'ReserveStock';
  data: { orderId: string; items: StockLine[] };
}

export interface ReleaseStock {
  type: 'ReleaseStock';
  data: { orderId: string };
}

export type InventoryCommand = ReserveStock | ReleaseStock;

/** The action for a command. `reserve` and `release` name the lines to move. */
export type InventoryDecision =
  | { kind: 'reserve'; lines: StockLine[] }
  | { kind: 'release'; lines: StockLine[] }
  | { kind: 'ignore'; reason: string };

/** Decides how to handle a reservation command in the given reservation state. */
export function decideReservation(
  command: InventoryCommand,
  state: ReservationState,
): InventoryDecision {
  switch (command.type) {
    case 'ReserveStock':
      return decideReserve(command, state);
    case 'ReleaseStock':
      return decideRelease(state);
    default:
      return assertNever(command);
  }
}

function decideReserve(command: ReserveStock, state: ReservationState): InventoryDecision {
  switch (state.status) {
    case 'NONE':
      return { kind: 'reserve', lines: mergeLines(command.data.items) };
    case 'RESERVED':
    case 'REJECTED':
      return { kind: 'ignore', reason: 'order already has a reservation' };
    case 'RELEASED':
      return { kind: 'ignore', reason: 'reservation already released' };
    default:
      return assertNever(state);
  }
}

function decideRelease(state: ReservationState): InventoryDecision {
  switch (state.status) {
    case 'NONE':
      return { kind: 'ignore', reason: 'no reservation' };
    case 'REJECTED':
      return { kind: 'ignore', reason: 'reservation was rejected, nothing to release' };
    case 'RESERVED':
      return { kind: 'release', lines: state.items };
    case 'RELEASED':
      return { kind: 'ignore', reason: 'reservation already released' };
    default:
      return assertNever(state);
  }
}

/**
 * Merges lines of the same sku, keeping the order of first appearance. One
 * transaction may not touch an item twice, so each product gets one update.
 */
export function mergeLines(items: readonly StockLine[]): StockLine[] {
  const quantities = new Map<string, number>();
  for (const { sku, quantity } of items) {
    quantities.set(sku, (quantities.get(sku) ?? 0) + quantity);
  }

  return [...quantities].map(([sku, quantity]) => ({ sku, quantity }));
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
