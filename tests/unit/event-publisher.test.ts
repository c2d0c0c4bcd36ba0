import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import type { IntegrationEvent } from '../../schemas/event-definition';
import { createEventPublisher, type PutEventsClient } from '../../lib/event-publisher';
import { PublishError } from '../../lib/errors';

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

describe('event publisher', () => {
  it('sends at most 10 entries per call', async () => {
    const { client, calls } = fakeClient();
    const publish = createEventPublisher('shop-bus', client);
    await publish(Array.from({ length: 23 }, (_, index) => event(index)));

    expect(calls.map((call) => call.input.Entries?.length)).toEqual([10, 10, 3]);
  });

  it('sends the detail as JSON to the named bus', async () => {
    const { client, calls } = fakeClient();
    await createEventPublisher('shop-bus', client)([event(1)]);
    const entry = calls[0]?.input.Entries?.[0];

    expect(entry?.EventBusName).toBe('shop-bus');
    expect(entry?.Source).toBe('shop.orders');
    expect(entry?.DetailType).toBe('OrderConfirmed');
    expect(JSON.parse(entry?.Detail ?? '')).toEqual(event(1).detail);
  });

  it('throws PublishError when one entry fails', async () => {
    const { client } = fakeClient([1]);
    const publish = createEventPublisher('shop-bus', client);

    await expect(publish([event(0), event(1)])).rejects.toBeInstanceOf(PublishError);
  });

  it('lists the error code of each failed entry', async () => {
    const { client } = fakeClient([0]);
    const error = await createEventPublisher('shop-bus', client)([event(0)]).catch((e) => e);

    expect(error.failedEntries).toEqual([
      {
        detailType: 'OrderConfirmed',
        errorCode: 'InternalFailure',
        errorMessage: 'try again',
      },
    ]);
  });

  it('throws when FailedEntryCount is set without entry errors', async () => {
    const client: PutEventsClient = {
      send: async () => ({ FailedEntryCount: 1, Entries: [{ EventId: 'x' }] }),
    };

    await expect(createEventPublisher('bus', client)([event(0)])).rejects.toBeInstanceOf(
      PublishError,
    );
  });

  it('stops before the next chunk after a failure', async () => {
    const { client, calls } = fakeClient([0]);
    const publish = createEventPublisher('shop-bus', client);
    const events = Array.from({ length: 15 }, (_, index) => event(index));
    await publish(events).catch(() => undefined);

    expect(calls).toHaveLength(1);
  });
});
