import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import type { IntegrationEvent } from '../../schemas/event-definition';
import { publishInOrder, type PutEventsClient } from '../../lib/event-publisher';

function event(index: number): IntegrationEvent {
  return {
    source: 'shop.orders',
    detailType: 'OrderConfirmed',
    detail: {
      metadata: {
        eventId: `e0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        correlationId: 'c0c0c0c0-0000-4000-8000-000000000000',
        causationId: 'request-1',
        occurredAt: '2025-01-15T09:00:00.000Z',
        schemaVersion: 1,
      },
      data: { orderId: 'o', customerId: 'c' },
    },
  };
}

/** Creates a client that rejects the entries at the given indexes and accepts the rest. */
function fakeClient(rejectedIndexes: number[] = []) {
  const calls: PutEventsCommand[] = [];
  const client: PutEventsClient = {
    send: async (command) => {
      calls.push(command);
      const entries = (command.input.Entries ?? []).map((_entry, index) =>
        rejectedIndexes.includes(index)
          ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }
          : { EventId: `id-${index}` },
      );

      return { FailedEntryCount: rejectedIndexes.length, Entries: entries };
    },
  };

  return { client, calls };
}

describe('ordered publish', () => {
  it('sends at most 10 entries per call', async () => {
    const { client, calls } = fakeClient();
    await publishInOrder('shop-bus', client, Array.from({ length: 23 }, (_, index) => event(index)));

    expect(calls.map((call) => call.input.Entries?.length)).toEqual([10, 10, 3]);
  });

  it('sends the detail as JSON to the named bus', async () => {
    const { client, calls } = fakeClient();
    await publishInOrder('shop-bus', client, [event(1)]);
    const entry = calls[0]?.input.Entries?.[0];

    expect(entry?.EventBusName).toBe('shop-bus');
    expect(entry?.Source).toBe('shop.orders');
    expect(entry?.DetailType).toBe('OrderConfirmed');
    expect(JSON.parse(entry?.Detail ?? '')).toEqual(event(1).detail);
  });

  it('reports the first rejected entry with its error code', async () => {
    const { client } = fakeClient([1]);
    const result = await publishInOrder('shop-bus', client, [event(0), event(1), event(2)]);

    expect(result).toEqual({
      ok: false,
      publishedCount: 1,
      failure: { detailType: 'OrderConfirmed', errorCode: 'InternalFailure', errorMessage: 'try again' },
    });
  });

  it('treats a result without an EventId as rejected', async () => {
    const client: PutEventsClient = { send: async () => ({ FailedEntryCount: 1, Entries: [{}] }) };
    const result = await publishInOrder('bus', client, [event(0)]);

    expect(result.ok).toBe(false);
  });

  it('stops before the next chunk after a failure', async () => {
    const { client, calls } = fakeClient([0]);
    await publishInOrder('shop-bus', client, Array.from({ length: 15 }, (_, index) => event(index)));

    expect(calls).toHaveLength(1);
  });
});
