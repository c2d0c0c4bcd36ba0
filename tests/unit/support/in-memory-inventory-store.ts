import type {
  InventoryStore,
  RejectResult,
  ReleaseResult,
  ReserveResult,
} from '../../../functions/inventory/adapters/inventory-store';
import type { ReservationItem } from '../../../functions/inventory/adapters/reservation-item';
import type { StockLevels } from '../../../functions/inventory/adapters/stock-transactions';
import type { StockLine } from '../../../schemas/common';
import type { IntegrationEvent } from '../../../schemas/event-definition';

/**
 * An inventory store in memory with the same version checks as the DynamoDB one: a
 * write whose stock levels are no longer current returns `conflict`. `outbox` lists the
 * outbox entries of the stored reservation events, in the order they were stored.
 */
export class InMemoryInventoryStore implements InventoryStore {
  readonly available = new Map<string, number>();
  readonly versions = new Map<string, number>();
  readonly reservations = new Map<string, ReservationItem>();
  readonly outbox: IntegrationEvent[] = [];
  readonly processed = new Set<string>();

  async isProcessed(eventId: string) {
    return this.processed.has(eventId);
  }

  async findReservation(orderId: string) {
    return this.reservations.get(orderId);
  }

  async readStock(skus: readonly string[]) {
    return new Map(
      skus.map((sku) => [
        sku,
        { available: this.available.get(sku) ?? 0, version: this.versions.get(sku) ?? 0 },
      ]),
    );
  }

  async reserve(
    orderId: string,
    lines: readonly StockLine[],
    levels: StockLevels,
    outcome: IntegrationEvent,
    eventId: string,
  ): Promise<ReserveResult> {
    if (this.reservations.has(orderId)) {
      return 'already_exists';
    }
    if (!this.isCurrent(lines.map((line) => line.sku), levels) || this.processed.has(eventId)) {
      return 'conflict';
    }
    this.processed.add(eventId);
    this.move(lines, -1);
    this.reservations.set(orderId, { orderId, status: 'RESERVED', items: [...lines], version: 1 });
    this.outbox.push(outcome);

    return 'reserved';
  }

  async reject(
    orderId: string,
    shortSkus: readonly string[],
    levels: StockLevels,
    outcome: IntegrationEvent,
    eventId: string,
  ): Promise<RejectResult> {
    if (this.reservations.has(orderId)) {
      return 'already_exists';
    }
    if (!this.isCurrent(shortSkus, levels) || this.processed.has(eventId)) {
      return 'conflict';
    }
    this.processed.add(eventId);
    this.reservations.set(orderId, { orderId, status: 'REJECTED', items: [], version: 1 });
    this.outbox.push(outcome);

    return 'rejected';
  }

  async release(
    orderId: string,
    lines: readonly StockLine[],
    levels: StockLevels,
    event: IntegrationEvent,
    eventId: string,
  ): Promise<ReleaseResult> {
    const reservation = this.reservations.get(orderId);
    if (reservation?.status !== 'RESERVED') {
      return 'not_reserved';
    }
    if (!this.isCurrent(lines.map((line) => line.sku), levels) || this.processed.has(eventId)) {
      return 'conflict';
    }
    this.processed.add(eventId);
    this.move(lines, 1);
    this.reservations.set(orderId, { ...reservation, status: 'RELEASED', version: 2 });
    this.outbox.push(event);

    return 'released';
  }

  private isCurrent(skus: readonly string[], levels: StockLevels): boolean {
    return skus.every((sku) => (levels.get(sku)?.version ?? 0) === (this.versions.get(sku) ?? 0));
  }

  private move(lines: readonly StockLine[], sign: 1 | -1): void {
    for (const line of lines) {
      this.available.set(line.sku, (this.available.get(line.sku) ?? 0) + sign * line.quantity);
      this.versions.set(line.sku, (this.versions.get(line.sku) ?? 0) + 1);
    }
  }
}
