import type {
  IdempotencyRecord,
  OrderStore,
  StoredOrderEvent,
} from '../../../functions/orders/adapters/order-store';
import type { IntegrationEvent } from '../../../schemas/event-definition';
import { ConcurrencyError } from '../../../lib/errors';

/**
 * An order store in memory with the same version checks as the DynamoDB one. `outbox`
 * lists the outbox entries of the appended events, in the order they were appended.
 */
export class InMemoryOrderStore implements OrderStore {
  readonly streams = new Map<string, StoredOrderEvent[]>();
  readonly outbox: IntegrationEvent[] = [];
  readonly processed = new Set<string>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  appendCalls = 0;

  async load(orderId: string) {
    const events = [...(this.streams.get(orderId) ?? [])];

    return { version: events.length, events };
  }

  async append(
    orderId: string,
    expectedVersion: number,
    events: readonly StoredOrderEvent[],
    idempotency?: IdempotencyRecord,
    processedEventId?: string,
  ): Promise<void> {
    this.appendCalls += 1;
    const stream = this.streams.get(orderId) ?? [];
    const keyTaken = idempotency !== undefined && this.idempotency.has(idempotency.key);
    const eventTaken = processedEventId !== undefined && this.processed.has(processedEventId);
    if (stream.length !== expectedVersion || keyTaken || eventTaken) {
      throw new ConcurrencyError(`order#${orderId}`, expectedVersion);
    }
    if (processedEventId) {
      this.processed.add(processedEventId);
    }
    this.streams.set(orderId, [...stream, ...events]);
    for (const event of events) {
      if (event.outbox) {
        this.outbox.push(event.outbox);
      }
    }
    if (idempotency) {
      this.idempotency.set(idempotency.key, idempotency);
    }
  }

  async isProcessed(eventId: string) {
    return this.processed.has(eventId);
  }

  async findIdempotencyRecord(key: string) {
    return this.idempotency.get(key);
  }
}
