import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { beforeEach, describe, expect, it } from 'vitest';
import { relayRecords } from '../../functions/publisher/handlers/relay-events';
import type { IntegrationEvent } from '../../schemas/event-definition';
import type { PutEventsClient } from '../../lib/event-publisher';
import { silentLogger } from './support/lambda';
import { streamRecord } from './support/stream-records';

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
      data: { orderId: `order-${index}`, customerId: 'c' },
    },
  };
}

/** Builds the INSERT record of an item whose outbox entry is event(index), at sequence 100 + index. */
function insert(index: number) {
  const outbox = event(index);
  const item = { streamId: `order#${index}`, version: 1, type: 'OrderConfirmed', outbox };

  return streamRecord(item, String(100 + index));
}

let calls: PutEventsCommand[];
let respond: (command: PutEventsCommand) => ReturnType<PutEventsClient['send']>;

const client: PutEventsClient = {
  send: (command) => {
    calls.push(command);
    return respond(command);
  },
};

/** Accepts every entry except those whose detail names one of the rejected orders. */
function rejecting(...orderIds: string[]) {
  return async (command: PutEventsCommand) => {
    const entries = (command.input.Entries ?? []).map((entry, index) =>
      orderIds.some((orderId) => entry.Detail?.includes(`"${orderId}"`))
        ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }
        : { EventId: `id-${index}` },
    );
    const failed = entries.filter((entry) => 'ErrorCode' in entry).length;

    return { FailedEntryCount: failed, Entries: entries };
  };
}

const sentOrderIds = () =>
  calls.flatMap((command) =>
    (command.input.Entries ?? []).map((entry) => JSON.parse(entry.Detail ?? '{}').data.orderId),
  );

const relay = (records: ReturnType<typeof insert>[]) =>
  relayRecords({ logger: silentLogger(), client, eventBusName: 'shop-bus' }, records);

beforeEach(() => {
  calls = [];
  respond = rejecting();
});

describe('outbox relay', () => {
  it('publishes the outbox entries in stream order', async () => {
    const response = await relay([insert(1), insert(2), insert(3)]);

    expect(response.batchItemFailures).toEqual([]);
    expect(sentOrderIds()).toEqual(['order-1', 'order-2', 'order-3']);
  });

  it('sends the exact entry of the outbox', async () => {
    await relay([insert(1)]);
    const [entry] = calls[0]?.input.Entries ?? [];

    expect(entry?.EventBusName).toBe('shop-bus');
    expect(entry?.Source).toBe('shop.orders');
    expect(entry?.DetailType).toBe('OrderConfirmed');
    expect(JSON.parse(entry?.Detail ?? '')).toEqual(event(1).detail);
  });

  it('sends at most 10 entries per call', async () => {
    await relay(Array.from({ length: 23 }, (_, index) => insert(index)));

    expect(calls.map((command) => command.input.Entries?.length)).toEqual([10, 10, 3]);
  });

  it('skips MODIFY records and items without an outbox', async () => {
    const modified = streamRecord({ streamId: 'order#9', version: 1, outbox: event(9) }, '109', 'MODIFY');
    const plain = streamRecord({ streamId: 'idempotency#k', version: 0 }, '110');
    await relay([modified, plain, insert(1)]);

    expect(sentOrderIds()).toEqual(['order-1']);
  });

  it('reports the first rejected entry', async () => {
    respond = rejecting('order-2', 'order-3');
    const response = await relay([insert(1), insert(2), insert(3)]);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '102' }]);
  });

  it('stops after the call with a rejected entry', async () => {
    respond = rejecting('order-4');
    await relay(Array.from({ length: 15 }, (_, index) => insert(index)));

    expect(calls).toHaveLength(1);
  });

  it('reports the first record of a call that throws', async () => {
    let call = 0;
    respond = async (command) => {
      call += 1;
      if (call === 2) {
        throw Object.assign(new Error('internal'), { name: 'InternalException' });
      }
      return rejecting()(command);
    };
    const response = await relay(Array.from({ length: 15 }, (_, index) => insert(index)));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '110' }]);
  });

  it('stops at an invalid outbox entry', async () => {
    const invalid = streamRecord({ streamId: 'order#8', version: 1, outbox: { source: 'x' } }, '108');
    const response = await relay([insert(1), invalid, insert(2)]);

    expect(sentOrderIds()).toEqual(['order-1']);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '108' }]);
  });

  it('publishes nothing for a batch without outbox entries', async () => {
    const response = await relay([]);

    expect(calls).toHaveLength(0);
    expect(response.batchItemFailures).toEqual([]);
  });
});
