import type {
  InventoryStore,
  RejectResult,
  ReleaseResult,
  ReserveResult,
} from '../../../functions/inventory/adapters/inventory-store';
import type { ReservationItem } from '../../../functions/inventory/adapters/reservation-item';
import type { StockLine } from '../../../schemas/common';
import type { IntegrationEvent } from '../../../schemas/event-definition';

/**
 * An inventory store in memory whose reserve and release are all-or-nothing. `outbox`
 * lists the outbox entries of the stored events, in the order they were stored.
 */
export class InMemoryInventoryStore implements InventoryStore {
  readonly available = new Map<string, number>();
  readonly reservations = new Map<string, ReservationItem>();
  readonly outbox: IntegrationEvent[] = [];

  async findReservation(orderId: string) {
    return this.reservations.get(orderId);
  }

  async reserve(
    orderId: string,
    lines: StockLine[],
    outcome: IntegrationEvent,
  ): Promise<ReserveResult> {
    if (this.reservations.has(orderId)) {
      return 'already_exists';
    }
    if (lines.some((line) => (this.available.get(line.sku) ?? -1) < line.quantity)) {
      return 'insufficient_stock';
    }
    this.addStock(lines, -1);
    this.reservations.set(orderId, { orderId, status: 'RESERVED', items: lines, version: 1 });
    this.outbox.push(outcome);

    return 'reserved';
  }

  async reject(
    orderId: string,
    _lines: StockLine[],
    outcome: IntegrationEvent,
  ): Promise<RejectResult> {
    if (this.reservations.has(orderId)) {
      return 'already_exists';
    }
    this.reservations.set(orderId, { orderId, status: 'REJECTED', items: [], version: 1 });
    this.outbox.push(outcome);

    return 'rejected';
  }

  async release(
    orderId: string,
    lines: StockLine[],
    event: IntegrationEvent,
  ): Promise<ReleaseResult> {
    const reservation = this.reservations.get(orderId);
    if (reservation?.status !== 'RESERVED') {
      return 'not_reserved';
    }
    this.addStock(lines, 1);
    this.reservations.set(orderId, { ...reservation, status: 'RELEASED', version: 2 });
    this.outbox.push(event);

    return 'released';
  }

  async readAvailable(skus: readonly string[]) {
    const found = skus.flatMap((sku) => {
      const units = this.available.get(sku);

      return units === undefined ? [] : [[sku, units] as const];
    });

    return new Map(found);
  }

  private addStock(lines: readonly StockLine[], sign: 1 | -1): void {
    for (const line of lines) {
      this.available.set(line.sku, (this.available.get(line.sku) ?? 0) + sign * line.quantity);
    }
  }
}
