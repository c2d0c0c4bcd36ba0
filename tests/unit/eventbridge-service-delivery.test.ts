import { describe, expect, it } from 'vitest';
import { TargetQueueNotFoundError } from '../../local/eventbridge/errors';
import {
  ACCOUNT,
  REGION,
  addQueueRule,
  createHarness,
  orderEntry,
  queueArn,
} from './eventbridge-service-fixtures';

const ordersPattern = { source: ['shop.orders'] };
const dlq = queueArn('dlq');
const ruleArn = `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders`;

/** Returns an AWS SDK-like server fault, which a retry can fix. */
function serverFault(): Error {
  const error = new Error('Service unavailable');

  return Object.assign(error, { name: 'InternalError', $fault: 'server' });
}

async function setUp(target: Record<string, unknown>) {
  const harness = createHarness();
  const queue = await addQueueRule(harness, { name: 'orders', pattern: ordersPattern, target });

  return { ...harness, queue };
}

describe('EventBridgeService delivery', () => {
  it('retries a failed send and delivers once', async () => {
    const harness = await setUp({ RetryPolicy: { MaximumRetryAttempts: 3 } });
    harness.sqs.failNext(harness.queue, serverFault, 2);

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();

    expect(harness.sqs.attempts.get(harness.queue)).toBe(3);
    expect(harness.sqs.bodiesFor(harness.queue)).toHaveLength(1);
    expect(harness.logger.at('warn')).toHaveLength(2);
  });

  it('sends the event to the DLQ after MaximumRetryAttempts', async () => {
    const harness = await setUp({
      RetryPolicy: { MaximumRetryAttempts: 2 },
      DeadLetterConfig: { Arn: dlq },
    });
    harness.sqs.failNext(harness.queue, serverFault);

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();
    const [deadLetter] = harness.sqs.sent.filter((message) => message.queueArn === dlq);

    expect(harness.sqs.attempts.get(harness.queue)).toBe(3);
    expect(JSON.parse(deadLetter?.body ?? '{}').id).toBe('event-1');
    expect(deadLetter?.messageAttributes).toEqual({
      RULE_ARN: ruleArn,
      TARGET_ARN: harness.queue,
      ERROR_CODE: 'ERROR_FROM_TARGET',
      ERROR_MESSAGE: 'Service unavailable',
      RETRY_ATTEMPTS: '2',
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
    });
  });

  it('sends the untransformed event to the DLQ', async () => {
    const harness = await setUp({
      RetryPolicy: { MaximumRetryAttempts: 0 },
      DeadLetterConfig: { Arn: dlq },
      InputTransformer: {
        InputTemplate: '"order <id>"',
        InputPathsMap: { id: '$.detail.orderId' },
      },
    });
    harness.sqs.failNext(harness.queue, serverFault);

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();
    const [body] = harness.sqs.bodiesFor(dlq);

    expect(JSON.parse(body ?? '{}').detail).toEqual({ orderId: 'o-1', total: 42 });
  });

  it('skips retries for a missing queue', async () => {
    const harness = await setUp({
      RetryPolicy: { MaximumRetryAttempts: 5 },
      DeadLetterConfig: { Arn: dlq },
    });
    harness.sqs.failNext(harness.queue, () => new TargetQueueNotFoundError(harness.queue));

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();
    const [deadLetter] = harness.sqs.sent.filter((message) => message.queueArn === dlq);

    expect(harness.sqs.attempts.get(harness.queue)).toBe(1);
    expect(deadLetter?.messageAttributes?.ERROR_CODE).toBe('NO_RESOURCE');
    expect(deadLetter?.messageAttributes?.RETRY_ATTEMPTS).toBe('0');
    expect(deadLetter?.messageAttributes?.EXHAUSTED_RETRY_CONDITION).toBeUndefined();
  });

  it('does not retry client faults', async () => {
    const harness = await setUp({ DeadLetterConfig: { Arn: dlq } });
    const tooLong = () =>
      Object.assign(new Error('Message too long'), {
        name: 'InvalidParameterValue',
        $fault: 'client',
      });
    harness.sqs.failNext(harness.queue, tooLong);

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();
    const [deadLetter] = harness.sqs.sent.filter((message) => message.queueArn === dlq);

    expect(harness.sqs.attempts.get(harness.queue)).toBe(1);
    expect(deadLetter?.messageAttributes?.ERROR_CODE).toBe('INVALID_PARAMETER');
  });

  it('retries throttling client faults', async () => {
    const harness = await setUp({ RetryPolicy: { MaximumRetryAttempts: 1 } });
    const throttled = () =>
      Object.assign(new Error('Slow down'), { name: 'RequestThrottled', $fault: 'client' });
    harness.sqs.failNext(harness.queue, throttled, 1);

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();

    expect(harness.sqs.bodiesFor(harness.queue)).toHaveLength(1);
  });

  it('stops retrying past MaximumEventAgeInSeconds', async () => {
    const harness = await setUp({
      RetryPolicy: { MaximumRetryAttempts: 100, MaximumEventAgeInSeconds: 60 },
      DeadLetterConfig: { Arn: dlq },
    });
    harness.sqs.failNext(harness.queue, serverFault);
    harness.sqs.beforeSend = (arn) => {
      if (arn === harness.queue) {
        harness.clock.advanceSeconds(25);
      }
    };

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();
    const [deadLetter] = harness.sqs.sent.filter((message) => message.queueArn === dlq);

    expect(harness.sqs.attempts.get(harness.queue)).toBe(3);
    const condition = deadLetter?.messageAttributes?.EXHAUSTED_RETRY_CONDITION;
    expect(condition).toBe('MaximumEventAgeInSeconds');
    expect(deadLetter?.messageAttributes?.RETRY_ATTEMPTS).toBe('2');
  });

  it('logs a dropped event when the target has no DLQ', async () => {
    const harness = await setUp({ RetryPolicy: { MaximumRetryAttempts: 0 } });
    harness.sqs.failNext(harness.queue, serverFault);

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();
    const [entry] = harness.logger.at('error');

    expect(entry?.message).toContain('event dropped');
    expect(entry?.fields).toMatchObject({ eventId: 'event-1', rule: ruleArn, target: 'queue' });
  });

  it('logs a lost event when the DLQ send fails too', async () => {
    const harness = await setUp({
      RetryPolicy: { MaximumRetryAttempts: 0 },
      DeadLetterConfig: { Arn: dlq },
    });
    harness.sqs.failNext(harness.queue, serverFault);
    harness.sqs.failNext(dlq, () => new TargetQueueNotFoundError(dlq));

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();
    const [entry] = harness.logger.at('error');

    expect(entry?.message).toContain('event lost');
    expect(entry?.fields).toMatchObject({ eventId: 'event-1', deadLetterQueue: dlq });
  });

  it('keeps a retrying target from delaying other targets', async () => {
    const harness = await setUp({ RetryPolicy: { MaximumRetryAttempts: 1 } });
    const other = queueArn('other');
    await harness.call('PutTargets', { Rule: 'orders', Targets: [{ Id: 'other', Arn: other }] });
    harness.sqs.failNext(harness.queue, serverFault, 1);

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();
    const order = harness.sqs.sent.map((message) => message.queueArn);

    expect(order).toEqual([other, harness.queue]);
  });

  it('keeps the entry order for a target that retries', async () => {
    const harness = await setUp({ RetryPolicy: { MaximumRetryAttempts: 2 } });
    harness.sqs.failNext(harness.queue, serverFault, 2);
    const entries = [1, 2, 3].map((n) => orderEntry({ Detail: JSON.stringify({ n }) }));

    await harness.call('PutEvents', { Entries: entries });
    await harness.service.drain();
    const order = harness.sqs.bodiesFor(harness.queue).map((body) => JSON.parse(body).detail.n);

    expect(order).toEqual([1, 2, 3]);
  });

  it('uses the target as it was when the event matched', async () => {
    const harness = await setUp({ Input: '{"version": 1}' });

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.call('PutTargets', {
      Rule: 'orders',
      Targets: [{ Id: 'queue', Arn: harness.queue, Input: '{"version": 2}' }],
    });
    await harness.service.drain();

    expect(harness.sqs.bodiesFor(harness.queue)).toEqual(['{"version": 1}']);
  });

  it('logs each delivery with the event, rule and target', async () => {
    const harness = await setUp({});

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await harness.service.drain();
    const [entry] = harness.logger.at('debug');

    expect(entry?.fields).toMatchObject({ eventId: 'event-1', rule: ruleArn, target: 'queue' });
  });

  it('drops waiting retries on close', async () => {
    const harness = createHarness({ retryBackoff: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const queue = await addQueueRule(harness, { name: 'orders', pattern: ordersPattern });
    harness.sqs.failNext(queue, serverFault);

    await harness.call('PutEvents', { Entries: [orderEntry()] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await harness.service.close();
    const [entry] = harness.logger.at('error');

    expect(harness.sqs.attempts.get(queue)).toBe(2);
    expect(entry?.message).toContain('event dropped');
    expect(entry?.fields.eventId).toBe('event-1');
  });
});
