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
