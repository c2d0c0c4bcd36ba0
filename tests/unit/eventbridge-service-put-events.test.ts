import { describe, expect, it, vi } from 'vitest';
import { entrySize } from '../../local/eventbridge/put-events';
import {
  ACCOUNT,
  REGION,
  addQueueRule,
  apiError,
  createHarness,
  orderEntry,
} from './eventbridge-service-fixtures';

const ordersPattern = { source: ['shop.orders'] };

describe('EventBridgeService PutEvents', () => {
  it('returns an EventId per entry', async () => {
    const { call } = createHarness();

    const result = await call('PutEvents', { Entries: [orderEntry(), orderEntry()] });

    expect(result).toEqual({
      FailedEntryCount: 0,
      Entries: [{ EventId: 'event-1' }, { EventId: 'event-2' }],
    });
  });

  it('delivers the event with the returned id', async () => {
    const harness = createHarness();
    const queue = await addQueueRule(harness, { name: 'orders', pattern: ordersPattern });

    await harness.call('PutEvents', { Entries: [orderEntry({ Resources: ['arn:x'] })] });
    await harness.service.drain();
    const delivered = harness.sqs.bodiesFor(queue).map((body) => JSON.parse(body));

    expect(delivered).toEqual([
      {
        version: '0',
        id: 'event-1',
        'detail-type': 'OrderCreated',
        source: 'shop.orders',
        account: ACCOUNT,
        time: '2024-05-01T12:00:00Z',
        region: REGION,
        resources: ['arn:x'],
        detail: { orderId: 'o-1', total: 42 },
      },
    ]);
  });

  it('uses the entry Time given as epoch seconds', async () => {
    const harness = createHarness();
    const queue = await addQueueRule(harness, { name: 'orders', pattern: ordersPattern });
    const time = Date.parse('2023-01-02T03:04:05.678Z') / 1000;

    await harness.call('PutEvents', { Entries: [orderEntry({ Time: time })] });
    await harness.service.drain();
    const [body] = harness.sqs.bodiesFor(queue);

    expect(JSON.parse(body ?? '{}').time).toBe('2023-01-02T03:04:05Z');
  });

  it('defaults resources to an empty list', async () => {
    const harness = createHarness();
    const queue = await addQueueRule(harness, { name: 'orders', pattern: ordersPattern });

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();
    const [body] = harness.sqs.bodiesFor(queue);

    expect(JSON.parse(body ?? '{}').resources).toEqual([]);
  });

  it('delivers after PutEvents returns', async () => {
    const harness = createHarness();
    const queue = await addQueueRule(harness, { name: 'orders', pattern: ordersPattern });

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    const sentBeforeDrain = harness.sqs.bodiesFor(queue).length;
    await harness.service.drain();

    expect(sentBeforeDrain).toBe(0);
    expect(harness.sqs.bodiesFor(queue)).toHaveLength(1);
  });

  it('delivers the entries of one call in order', async () => {
    const harness = createHarness();
    const queue = await addQueueRule(harness, { name: 'orders', pattern: ordersPattern });
    const entries = [1, 2, 3, 4].map((n) => orderEntry({ Detail: JSON.stringify({ n }) }));

    await harness.call('PutEvents', { Entries: entries });
    await harness.service.drain();
    const order = harness.sqs.bodiesFor(queue).map((body) => JSON.parse(body).detail.n);

    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('matches events only against rules of their bus', async () => {
    const harness = createHarness();
    await harness.call('CreateEventBus', { Name: 'shop' });
    const defaultQueue = await addQueueRule(harness, {
      name: 'on-default',
      pattern: ordersPattern,
    });
    const shopQueue = await addQueueRule(harness, {
      name: 'on-shop',
      bus: 'shop',
      pattern: ordersPattern,
    });

    await harness.call('PutEvents', { Entries: [orderEntry({ EventBusName: 'shop' })] });
    await harness.service.drain();

    expect(harness.sqs.bodiesFor(shopQueue)).toHaveLength(1);
    expect(harness.sqs.bodiesFor(defaultQueue)).toHaveLength(0);
  });

  it('accepts the bus as an ARN', async () => {
    const harness = createHarness();
    await harness.call('CreateEventBus', { Name: 'shop' });
    const queue = await addQueueRule(harness, {
      name: 'on-shop',
      bus: 'shop',
      pattern: ordersPattern,
    });
    const busArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/shop`;

    await harness.call('PutEvents', { Entries: [orderEntry({ EventBusName: busArn })] });
    await harness.service.drain();

    expect(harness.sqs.bodiesFor(queue)).toHaveLength(1);
  });

  it('skips disabled rules and non-matching events', async () => {
    const harness = createHarness();
    const disabled = await addQueueRule(harness, { name: 'disabled', pattern: ordersPattern });
    const payments = await addQueueRule(harness, {
      name: 'payments',
      pattern: { source: ['shop.payments'] },
    });
    await harness.call('DisableRule', { Name: 'disabled' });

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();

    expect(harness.sqs.bodiesFor(disabled)).toHaveLength(0);
    expect(harness.sqs.bodiesFor(payments)).toHaveLength(0);
  });

  it('fails bad entries in their slots', async () => {
    const { call } = createHarness();
    const entries = [
      orderEntry({ Source: undefined }),
      orderEntry(),
      orderEntry({ DetailType: '' }),
      orderEntry({ Detail: undefined }),
      orderEntry({ Detail: '{not json' }),
      orderEntry({ Detail: '[1, 2]' }),
      orderEntry({ EventBusName: 'missing' }),
    ];

    const result = await call('PutEvents', { Entries: entries });

    expect(result.FailedEntryCount).toBe(6);
    expect(result.Entries).toEqual([
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
      },
      { EventId: 'event-1' },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage:
          'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
      },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
      },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      {
        ErrorCode: 'MalformedDetail',
        ErrorMessage: 'Detail is malformed: it must be a JSON object.',
      },
      { ErrorCode: 'ResourceNotFoundException', ErrorMessage: 'Event bus missing does not exist.' },
    ]);
  });

  it('fails an entry with a DetailType over 128 characters', async () => {
    const { call } = createHarness();

    const entry = orderEntry({ DetailType: 'x'.repeat(129) });

    const result = await call('PutEvents', { Entries: [entry] });

    expect(result.FailedEntryCount).toBe(1);
  });

  it('fails an entry with an invalid Time', async () => {
    const { call } = createHarness();

    const result = await call('PutEvents', { Entries: [orderEntry({ Time: 'yesterday' })] });

    expect(result.FailedEntryCount).toBe(1);
  });

  it('rejects more than 10 entries for the whole call', async () => {
    const { call } = createHarness();
    const entries = Array.from({ length: 11 }, () => orderEntry());

    const error = await apiError(call('PutEvents', { Entries: entries }));

    expect(error.code).toBe('ValidationException');
  });

  it('rejects a call without entries', async () => {
    const { call } = createHarness();

    const error = await apiError(call('PutEvents', { Entries: [] }));

    expect(error.code).toBe('ValidationException');
  });

  it('accepts entries one byte under 1 MiB', async () => {
    const { call } = createHarness();
    const base = orderEntry({ Detail: '{"p":""}' });
    const padding = 1024 * 1024 - 1 - entrySize(base);

    const result = await call('PutEvents', {
      Entries: [orderEntry({ Detail: `{"p":"${'x'.repeat(padding)}"}` })],
    });

    expect(result.FailedEntryCount).toBe(0);
  });

  it('rejects entries totalling 1 MiB', async () => {
    const { call } = createHarness();
    const half = 512 * 1024 - entrySize(orderEntry({ Detail: '{"p":""}' }));
    const entry = orderEntry({ Detail: `{"p":"${'x'.repeat(half)}"}` });

    const error = await apiError(call('PutEvents', { Entries: [entry, entry] }));

    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain('Total size of the entries in the request is over the limit');
  });

  it('calls onEventAccepted for accepted events only', async () => {
    const onEventAccepted = vi.fn();
    const { call } = createHarness({ onEventAccepted });

    await call('PutEvents', { Entries: [orderEntry(), orderEntry({ Source: '' })] });

    expect(onEventAccepted).toHaveBeenCalledTimes(1);
    const acceptedEvent = expect.objectContaining({ id: 'event-1' });
    expect(onEventAccepted).toHaveBeenCalledWith('default', acceptedEvent);
  });

  it('survives a failing onEventAccepted hook', async () => {
    const harness = createHarness({
      onEventAccepted: () => {
        throw new Error('archive is full');
      },
    });

    const result = await harness.call('PutEvents', { Entries: [orderEntry()] });

    expect(result.FailedEntryCount).toBe(0);
    expect(harness.logger.at('error')[0]?.fields.eventId).toBe('event-1');
  });
});

describe('entrySize', () => {
  it('counts UTF-8 bytes, 14 for Time and each resource', () => {
    const size = entrySize({
      Time: 1_700_000_000,
      Source: 'é',
      DetailType: 'ab',
      Detail: '{}',
      Resources: ['r1', 'r22'],
    });

    expect(size).toBe(14 + 2 + 2 + 2 + 2 + 3);
  });
});
