import { beforeEach, describe, expect, it } from 'vitest';
import { apiError, createHarness, queueArn } from './eventbridge-service-fixtures';
import type { ServiceHarness } from './eventbridge-service-fixtures';

describe('EventBridgeService targets', () => {
  let harness: ServiceHarness;
  const putTargets = (targets: unknown[]) =>
    harness.call('PutTargets', { Rule: 'orders', Targets: targets });

  beforeEach(async () => {
    harness = createHarness();
    await harness.call('PutRule', {
      Name: 'orders',
      EventPattern: JSON.stringify({ source: ['shop.orders'] }),
    });
  });

  it('adds targets and lists them', async () => {
    const target = {
      Id: 'q',
      Arn: queueArn('q'),
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 60 },
      DeadLetterConfig: { Arn: queueArn('dlq') },
    };

    const result = await putTargets([target]);
    const listed = await harness.call('ListTargetsByRule', { Rule: 'orders' });

    expect(result).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    expect(listed.Targets).toEqual([target]);
  });

  it('replaces a target with the same Id', async () => {
    await putTargets([{ Id: 'q', Arn: queueArn('first') }]);

    await putTargets([{ Id: 'q', Arn: queueArn('second') }]);
    const listed = await harness.call('ListTargetsByRule', { Rule: 'orders' });

    expect(listed.Targets).toEqual([{ Id: 'q', Arn: queueArn('second') }]);
  });

  it('rejects targets that are not SQS queues', async () => {
    const lambdaArn = 'arn:aws:lambda:us-east-1:000000000000:function:f';

    const error = await apiError(putTargets([{ Id: 'f', Arn: lambdaArn }]));

    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain('only Amazon SQS queue targets');
  });

  it('rejects FIFO queue targets', async () => {
    const error = await apiError(putTargets([{ Id: 'q', Arn: queueArn('orders.fifo') }]));

    expect(error.code).toBe('ValidationException');
  });

  it('rejects a dead-letter queue that is not an SQS queue', async () => {
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:topic';

    const error = await apiError(
      putTargets([{ Id: 'q', Arn: queueArn('q'), DeadLetterConfig: { Arn: topicArn } }]),
    );

    expect(error.code).toBe('ValidationException');
  });

  it('rejects a sixth target with LimitExceededException', async () => {
    const five = [1, 2, 3, 4, 5].map((n) => ({ Id: `q${n}`, Arn: queueArn(`q${n}`) }));
    await putTargets(five);

    const error = await apiError(putTargets([{ Id: 'q6', Arn: queueArn('q6') }]));
    const listed = await harness.call('ListTargetsByRule', { Rule: 'orders' });

    expect(error.code).toBe('LimitExceededException');
    expect(listed.Targets).toHaveLength(5);
  });

  it('allows replacing a target of a full rule', async () => {
    const five = [1, 2, 3, 4, 5].map((n) => ({ Id: `q${n}`, Arn: queueArn(`q${n}`) }));
    await putTargets(five);

    const result = await putTargets([{ Id: 'q5', Arn: queueArn('other') }]);

    expect(result.FailedEntryCount).toBe(0);
  });

  it('rejects more than 10 targets in one call', async () => {
    const eleven = Array.from({ length: 11 }, (_, n) => ({ Id: `q${n}`, Arn: queueArn('q') }));

    const error = await apiError(putTargets(eleven));

    expect(error.code).toBe('ValidationException');
  });

  it('rejects RetryPolicy values out of range', async () => {
    const attempts = await apiError(
      putTargets([{ Id: 'q', Arn: queueArn('q'), RetryPolicy: { MaximumRetryAttempts: 186 } }]),
    );
    const age = await apiError(
      putTargets([{ Id: 'q', Arn: queueArn('q'), RetryPolicy: { MaximumEventAgeInSeconds: 59 } }]),
    );

    expect(attempts.code).toBe('ValidationException');
    expect(age.code).toBe('ValidationException');
  });

  it('rejects Input that is not JSON', async () => {
    const error = await apiError(putTargets([{ Id: 'q', Arn: queueArn('q'), Input: '{oops' }]));

    expect(error.code).toBe('ValidationException');
  });

  it('rejects more than one input setting', async () => {
    const error = await apiError(
      putTargets([{ Id: 'q', Arn: queueArn('q'), Input: '{}', InputPath: '$.detail' }]),
    );

    expect(error.code).toBe('ValidationException');
  });

  it('rejects an InputPath outside the supported subset', async () => {
    const error = await apiError(
      putTargets([{ Id: 'q', Arn: queueArn('q'), InputPath: '$.detail.items[*]' }]),
    );

    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain('wildcards and filters are not emulated');
  });

  it('rejects reserved InputPathsMap keys', async () => {
    const transformer = {
      InputPathsMap: { 'aws.events.rule-name': '$.source' },
      InputTemplate: '<aws.events.rule-name>',
    };

    const error = await apiError(
      putTargets([{ Id: 'q', Arn: queueArn('q'), InputTransformer: transformer }]),
    );

    expect(error.code).toBe('ValidationException');
  });

  it('rejects targets of a missing rule', async () => {
    const error = await apiError(
      harness.call('PutTargets', { Rule: 'missing', Targets: [{ Id: 'q', Arn: queueArn('q') }] }),
    );

    expect(error.code).toBe('ResourceNotFoundException');
  });

  it('removes targets by Id and skips unknown Ids', async () => {
    await putTargets([
      { Id: 'a', Arn: queueArn('a') },
      { Id: 'b', Arn: queueArn('b') },
    ]);

    const result = await harness.call('RemoveTargets', { Rule: 'orders', Ids: ['a', 'unknown'] });
    const listed = await harness.call('ListTargetsByRule', { Rule: 'orders' });

    expect(result).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    expect(listed.Targets).toEqual([{ Id: 'b', Arn: queueArn('b') }]);
  });

  it('pages targets with Limit and NextToken', async () => {
    await putTargets([
      { Id: 'a', Arn: queueArn('a') },
      { Id: 'b', Arn: queueArn('b') },
    ]);

    const first = await harness.call('ListTargetsByRule', { Rule: 'orders', Limit: 1 });
    const second = await harness.call('ListTargetsByRule', {
      Rule: 'orders',
      Limit: 1,
      NextToken: first.NextToken,
    });

    expect(first.Targets).toEqual([{ Id: 'a', Arn: queueArn('a') }]);
    expect(second.Targets).toEqual([{ Id: 'b', Arn: queueArn('b') }]);
    expect(second.NextToken).toBeUndefined();
  });
});
