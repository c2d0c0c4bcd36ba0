import { describe, expect, it } from 'vitest';
import { ACCOUNT, REGION, apiError, createHarness, queueArn } from './eventbridge-service-fixtures';

const pattern = JSON.stringify({ source: ['shop.orders'] });

describe('EventBridgeService rules', () => {
  it('omits the default bus from rule ARNs', async () => {
    const { call } = createHarness();

    const result = await call('PutRule', { Name: 'orders', EventPattern: pattern });

    expect(result.RuleArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:rule/orders`);
  });

  it('includes a custom bus in rule ARNs', async () => {
    const { call } = createHarness();
    await call('CreateEventBus', { Name: 'shop' });

    const result = await call('PutRule', {
      Name: 'orders',
      EventBusName: 'shop',
      EventPattern: pattern,
    });

    expect(result.RuleArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:rule/shop/orders`);
  });

  it('accepts the bus as an ARN', async () => {
    const { call } = createHarness();
    await call('CreateEventBus', { Name: 'shop' });
    const busArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/shop`;
    await call('PutRule', { Name: 'orders', EventBusName: busArn, EventPattern: pattern });

    const rule = await call('DescribeRule', { Name: 'orders', EventBusName: busArn });

    expect(rule.EventBusName).toBe('shop');
  });

  it('describes a rule with its fields', async () => {
    const { call } = createHarness();
    await call('PutRule', {
      Name: 'orders',
      EventPattern: pattern,
      Description: 'Order events',
      State: 'DISABLED',
    });

    const rule = await call('DescribeRule', { Name: 'orders' });

    expect(rule).toEqual({
      Name: 'orders',
      Arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders`,
      EventPattern: pattern,
      State: 'DISABLED',
      Description: 'Order events',
      RoleArn: undefined,
      EventBusName: 'default',
      CreatedBy: ACCOUNT,
    });
  });

  it('defaults the state to ENABLED', async () => {
    const { call } = createHarness();
    await call('PutRule', { Name: 'orders', EventPattern: pattern });

    const rule = await call('DescribeRule', { Name: 'orders' });

    expect(rule.State).toBe('ENABLED');
  });

  it('rejects an invalid pattern', async () => {
    const { call } = createHarness();

    const error = await apiError(call('PutRule', { Name: 'bad', EventPattern: '{"source": "x"}' }));

    expect(error.code).toBe('InvalidEventPatternException');
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('rejects a pattern that is not JSON', async () => {
    const { call } = createHarness();

    const error = await apiError(call('PutRule', { Name: 'bad', EventPattern: '{source' }));

    expect(error.code).toBe('InvalidEventPatternException');
  });

  it('rejects ScheduleExpression as unsupported locally', async () => {
    const { call } = createHarness();

    const error = await apiError(
      call('PutRule', { Name: 'nightly', ScheduleExpression: 'rate(1 day)' }),
    );

    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain('ScheduleExpression is not supported');
  });

  it('requires an EventPattern', async () => {
    const { call } = createHarness();

    const error = await apiError(call('PutRule', { Name: 'empty' }));

    expect(error.code).toBe('ValidationException');
  });

  it('rejects an unknown State', async () => {
    const { call } = createHarness();

    const error = await apiError(
      call('PutRule', { Name: 'orders', EventPattern: pattern, State: 'PAUSED' }),
    );

    expect(error.code).toBe('ValidationException');
  });

  it('rejects an invalid rule name', async () => {
    const { call } = createHarness();

    const error = await apiError(call('PutRule', { Name: 'a/b', EventPattern: pattern }));

    expect(error.code).toBe('ValidationException');
  });

  it('rejects a rule on an unknown bus', async () => {
    const { call } = createHarness();

    const error = await apiError(
      call('PutRule', { Name: 'orders', EventBusName: 'missing', EventPattern: pattern }),
    );

    expect(error.code).toBe('ResourceNotFoundException');
  });

  it('replaces a rule but keeps its targets', async () => {
    const { call } = createHarness();
    await call('PutRule', { Name: 'orders', EventPattern: pattern, Description: 'old' });
    await call('PutTargets', { Rule: 'orders', Targets: [{ Id: 'q', Arn: queueArn('q') }] });

    await call('PutRule', { Name: 'orders', EventPattern: pattern });
    const rule = await call('DescribeRule', { Name: 'orders' });
    const targets = await call('ListTargetsByRule', { Rule: 'orders' });

    expect(rule.Description).toBeUndefined();
    expect(targets.Targets).toHaveLength(1);
  });

  it('reports a missing rule with the bus name', async () => {
    const { call } = createHarness();

    const error = await apiError(call('DescribeRule', { Name: 'missing' }));

    expect(error.code).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Rule missing does not exist on EventBus default.');
  });

  it('keeps rules of different buses apart', async () => {
    const { call } = createHarness();
    await call('CreateEventBus', { Name: 'shop' });
    await call('PutRule', { Name: 'orders', EventBusName: 'shop', EventPattern: pattern });

    const error = await apiError(call('DescribeRule', { Name: 'orders' }));

    expect(error.code).toBe('ResourceNotFoundException');
  });

  it('lists rules of one bus by prefix', async () => {
    const { call } = createHarness();
    await call('CreateEventBus', { Name: 'shop' });
    await call('PutRule', { Name: 'orders-b', EventPattern: pattern });
    await call('PutRule', { Name: 'orders-a', EventPattern: pattern });
    await call('PutRule', { Name: 'payments', EventPattern: pattern });
    await call('PutRule', { Name: 'orders-c', EventBusName: 'shop', EventPattern: pattern });

    const listed = await call('ListRules', { NamePrefix: 'orders' });
    const names = (listed.Rules as { Name: string }[]).map((rule) => rule.Name);

    expect(names).toEqual(['orders-a', 'orders-b']);
  });

  it('pages rule lists with Limit and NextToken', async () => {
    const { call } = createHarness();
    for (const name of ['r1', 'r2', 'r3']) {
      await call('PutRule', { Name: name, EventPattern: pattern });
    }

    const first = await call('ListRules', { Limit: 2 });
    const second = await call('ListRules', { Limit: 2, NextToken: first.NextToken });

    expect((first.Rules as unknown[]).length).toBe(2);
    expect(typeof first.NextToken).toBe('string');
    expect((second.Rules as { Name: string }[]).map((rule) => rule.Name)).toEqual(['r3']);
    expect(second.NextToken).toBeUndefined();
  });

  it('lists rules of an unknown bus as not found', async () => {
    const { call } = createHarness();

    const error = await apiError(call('ListRules', { EventBusName: 'missing' }));

    expect(error.code).toBe('ResourceNotFoundException');
  });

  it('disables and enables a rule', async () => {
    const { call } = createHarness();
    await call('PutRule', { Name: 'orders', EventPattern: pattern });

    await call('DisableRule', { Name: 'orders' });
    const disabled = await call('DescribeRule', { Name: 'orders' });
    await call('EnableRule', { Name: 'orders' });
    const enabled = await call('DescribeRule', { Name: 'orders' });

    expect(disabled.State).toBe('DISABLED');
    expect(enabled.State).toBe('ENABLED');
  });

  it('rejects enabling a missing rule', async () => {
    const { call } = createHarness();

    const error = await apiError(call('EnableRule', { Name: 'missing' }));

    expect(error.code).toBe('ResourceNotFoundException');
  });

  it('refuses to delete a rule that has targets', async () => {
    const { call } = createHarness();
    await call('PutRule', { Name: 'orders', EventPattern: pattern });
    await call('PutTargets', { Rule: 'orders', Targets: [{ Id: 'q', Arn: queueArn('q') }] });

    const error = await apiError(call('DeleteRule', { Name: 'orders' }));

    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain("Rule can't be deleted since it has targets.");
  });

  it('deletes a rule after its targets are removed', async () => {
    const { call } = createHarness();
    await call('PutRule', { Name: 'orders', EventPattern: pattern });
    await call('PutTargets', { Rule: 'orders', Targets: [{ Id: 'q', Arn: queueArn('q') }] });

    await call('RemoveTargets', { Rule: 'orders', Ids: ['q'] });
    await call('DeleteRule', { Name: 'orders' });
    const error = await apiError(call('DescribeRule', { Name: 'orders' }));

    expect(error.code).toBe('ResourceNotFoundException');
  });

  it('deletes a missing rule without error', async () => {
    const { call } = createHarness();

    const result = await call('DeleteRule', { Name: 'missing' });

    expect(result).toEqual({});
  });
});

describe('EventBridgeService TestEventPattern', () => {
  const event = {
    id: 'e-1',
    account: ACCOUNT,
    source: 'shop.orders',
    time: '2024-05-01T12:00:00Z',
    region: REGION,
    resources: [],
    'detail-type': 'OrderCreated',
    detail: { total: 42 },
  };

  it('returns true for a matching event', async () => {
    const { call } = createHarness();

    const result = await call('TestEventPattern', {
      EventPattern: pattern,
      Event: JSON.stringify(event),
    });

    expect(result).toEqual({ Result: true });
  });

  it('returns false for another source', async () => {
    const { call } = createHarness();

    const result = await call('TestEventPattern', {
      EventPattern: pattern,
      Event: JSON.stringify({ ...event, source: 'shop.payments' }),
    });

    expect(result).toEqual({ Result: false });
  });

  it('rejects an invalid pattern', async () => {
    const { call } = createHarness();

    const error = await apiError(
      call('TestEventPattern', { EventPattern: '[]', Event: JSON.stringify(event) }),
    );

    expect(error.code).toBe('InvalidEventPatternException');
  });

  it('rejects an event without the required fields', async () => {
    const { call } = createHarness();

    const error = await apiError(
      call('TestEventPattern', { EventPattern: pattern, Event: '{"source": "shop.orders"}' }),
    );

    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain('id, account, time, region, resources, detail-type');
  });

  it('rejects an event that is not JSON', async () => {
    const { call } = createHarness();

    const error = await apiError(
      call('TestEventPattern', { EventPattern: pattern, Event: '{' }),
    );

    expect(error.code).toBe('ValidationException');
  });
});
