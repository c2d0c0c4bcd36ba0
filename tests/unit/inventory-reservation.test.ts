import { describe, expect, it } from 'vitest';
import {
  decideReservation,
  type InventoryCommand,
  mergeLines,
  type ReservationState,
} from '../../functions/inventory/domain/reservation';
import { findUnavailable } from '../../functions/inventory/domain/stock';

const orderId = '7d4f2c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';
const lines = [
  { sku: 'MUG-01', quantity: 2 },
  { sku: 'LAMP-01', quantity: 1 },
];

const reserve: InventoryCommand = { type: 'ReserveStock', data: { orderId, items: lines } };
const release: InventoryCommand = { type: 'ReleaseStock', data: { orderId } };

/** Given a reservation state, when a command arrives, returns the decision. */
function given(state: ReservationState) {
  return { when: (command: InventoryCommand) => decideReservation(command, state) };
}

describe('reservation decider', () => {
  it('reserves every line of a new order', () => {
    expect(given({ status: 'NONE' }).when(reserve)).toEqual({ kind: 'reserve', lines });
  });

  it('merges lines of the same sku before reserving', () => {
    const repeated: InventoryCommand = {
      type: 'ReserveStock',
      data: { orderId, items: [...lines, { sku: 'MUG-01', quantity: 3 }] },
    };

    expect(given({ status: 'NONE' }).when(repeated)).toEqual({
      kind: 'reserve',
      lines: [
        { sku: 'MUG-01', quantity: 5 },
        { sku: 'LAMP-01', quantity: 1 },
      ],
    });
  });

  it('ignores a second reservation of a reserved order', () => {
    expect(given({ status: 'RESERVED', items: lines }).when(reserve).kind).toBe('ignore');
  });

  it('ignores a second reservation of a rejected order', () => {
    expect(given({ status: 'REJECTED', items: lines }).when(reserve).kind).toBe('ignore');
  });

  it('ignores a reservation request after release', () => {
    expect(given({ status: 'RELEASED', items: lines }).when(reserve).kind).toBe('ignore');
  });

  it('releases the reserved lines', () => {
    expect(given({ status: 'RESERVED', items: lines }).when(release)).toEqual({
      kind: 'release',
      lines,
    });
  });

  it('ignores a second release', () => {
    expect(given({ status: 'RELEASED', items: lines }).when(release).kind).toBe('ignore');
  });

  it('ignores a release of a rejected reservation', () => {
    expect(given({ status: 'REJECTED', items: lines }).when(release).kind).toBe('ignore');
  });

  it('ignores a release without a reservation', () => {
    expect(given({ status: 'NONE' }).when(release).kind).toBe('ignore');
  });
});

describe('mergeLines', () => {
  it('keeps distinct skus unchanged', () => {
    expect(mergeLines(lines)).toEqual(lines);
  });
});

describe('findUnavailable', () => {
  it('lists lines beyond the available stock', () => {
    const available = new Map([
      ['MUG-01', 1],
      ['LAMP-01', 5],
    ]);

    expect(findUnavailable(lines, available)).toEqual([
      { sku: 'MUG-01', requested: 2, available: 1 },
    ]);
  });

  it('counts an unknown sku as zero units', () => {
    expect(findUnavailable([{ sku: 'GONE', quantity: 1 }], new Map())).toEqual([
      { sku: 'GONE', requested: 1, available: 0 },
    ]);
  });

  it('returns nothing when every line fits exactly', () => {
    const available = new Map([
      ['MUG-01', 2],
      ['LAMP-01', 1],
    ]);

    expect(findUnavailable(lines, available)).toEqual([]);
  });
});
