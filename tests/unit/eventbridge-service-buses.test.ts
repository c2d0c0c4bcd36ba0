import { describe, expect, it } from 'vitest';
import { ACCOUNT, REGION, apiError, createHarness } from './eventbridge-service-fixtures';

const busArn = (name: string) => `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;

describe('EventBridgeService event buses', () => {
  it('describes the default bus without a name', async () => {
    const { call } = createHarness();

    const bus = await call('DescribeEventBus', {});

    expect(bus.Name).toBe('default');
    expect(bus.Arn).toBe(busArn('default'));
  });

  it('creates a bus and returns its ARN', async () => {
    const { call } = createHarness();

    const created = await call('CreateEventBus', { Name: 'shop', Description: 'Shop events' });

    expect(created.EventBusArn).toBe(busArn('shop'));
    expect(created.Description).toBe('Shop events');
  });

  it('describes a bus by ARN', async () => {
    const { call, clock } = createHarness();
    await call('CreateEventBus', { Name: 'shop' });

    const bus = await call('DescribeEventBus', { Name: busArn('shop') });

    expect(bus.Name).toBe('shop');
    expect(bus.CreationTime).toBe(clock.current.getTime() / 1000);
  });

  it('rejects a second bus with the same name', async () => {
    const { call } = createHarness();
    await call('CreateEventBus', { Name: 'shop' });

    const error = await apiError(call('CreateEventBus', { Name: 'shop' }));

    expect(error.code).toBe('ResourceAlreadyExistsException');
    expect(error.statusCode).toBe(400);
  });

  it('rejects creating a bus named default', async () => {
    const { call } = createHarness();

    const error = await apiError(call('CreateEventBus', { Name: 'default' }));

    expect(error.code).toBe('ResourceAlreadyExistsException');
  });

  it('rejects bus names with a slash or invalid characters', async () => {
    const { call } = createHarness();

    const slash = await apiError(call('CreateEventBus', { Name: 'shop/orders' }));
    const space = await apiError(call('CreateEventBus', { Name: 'shop orders' }));

    expect(slash.code).toBe('ValidationException');
    expect(space.code).toBe('ValidationException');
  });

  it('rejects partner event buses', async () => {
    const { call } = createHarness();

    const error = await apiError(
      call('CreateEventBus', { Name: 'aws.partner/x', EventSourceName: 'aws.partner/x' }),
    );

    expect(error.code).toBe('ValidationException');
  });

  it('reports an unknown bus as not found', async () => {
    const { call } = createHarness();

    const error = await apiError(call('DescribeEventBus', { Name: 'missing' }));

    expect(error.code).toBe('ResourceNotFoundException');
    expect(error.message).toBe('Event bus missing does not exist.');
  });

  it('treats a bus ARN of another account as not found', async () => {
    const { call } = createHarness();
    const foreignArn = `arn:aws:events:${REGION}:111111111111:event-bus/default`;

    const error = await apiError(call('DescribeEventBus', { Name: foreignArn }));

    expect(error.code).toBe('ResourceNotFoundException');
  });

  it('lists buses by prefix in name order', async () => {
    const { call } = createHarness();
    await call('CreateEventBus', { Name: 'shop-b' });
    await call('CreateEventBus', { Name: 'shop-a' });
    await call('CreateEventBus', { Name: 'audit' });

    const listed = await call('ListEventBuses', { NamePrefix: 'shop' });
    const names = (listed.EventBuses as { Name: string }[]).map((bus) => bus.Name);

    expect(names).toEqual(['shop-a', 'shop-b']);
    expect(listed.NextToken).toBeUndefined();
  });

  it('pages bus lists with Limit and NextToken', async () => {
    const { call } = createHarness();
    await call('CreateEventBus', { Name: 'a' });
    await call('CreateEventBus', { Name: 'b' });

    const first = await call('ListEventBuses', { Limit: 2 });
    const second = await call('ListEventBuses', { Limit: 2, NextToken: first.NextToken });
    const firstNames = (first.EventBuses as { Name: string }[]).map((bus) => bus.Name);
    const secondNames = (second.EventBuses as { Name: string }[]).map((bus) => bus.Name);

    expect(firstNames).toEqual(['a', 'b']);
    expect(secondNames).toEqual(['default']);
    expect(second.NextToken).toBeUndefined();
  });

  it('rejects a Limit out of range', async () => {
    const { call } = createHarness();

    const error = await apiError(call('ListEventBuses', { Limit: 0 }));

    expect(error.code).toBe('ValidationException');
  });

  it('rejects a NextToken it did not issue', async () => {
    const { call } = createHarness();

    const error = await apiError(call('ListEventBuses', { NextToken: 'not-a-token' }));

    expect(error.code).toBe('ValidationException');
  });

  it('deletes a custom bus', async () => {
    const { call } = createHarness();
    await call('CreateEventBus', { Name: 'shop' });

    await call('DeleteEventBus', { Name: 'shop' });
    const error = await apiError(call('DescribeEventBus', { Name: 'shop' }));

    expect(error.code).toBe('ResourceNotFoundException');
  });

  it('deletes a missing bus without error', async () => {
    const { call } = createHarness();

    const result = await call('DeleteEventBus', { Name: 'missing' });

    expect(result).toEqual({});
  });

  it('refuses to delete the default bus', async () => {
    const { call } = createHarness();

    const error = await apiError(call('DeleteEventBus', { Name: 'default' }));

    expect(error.code).toBe('ValidationException');
  });
});

describe('EventBridgeService dispatch', () => {
  it('rejects an unknown operation', async () => {
    const { call } = createHarness();

    const error = await apiError(call('PutPermission', {}));

    expect(error.code).toBe('UnknownOperationException');
    expect(error.statusCode).toBe(400);
  });

  it('rejects a request that is not an object', async () => {
    const { call } = createHarness();

    const error = await apiError(call('ListRules', 'text'));

    expect(error.code).toBe('ValidationException');
  });

  it('turns unexpected errors into InternalException', async () => {
    const { call, logger } = createHarness({
      newId: () => {
        throw new Error('id generator broke');
      },
    });

    const error = await apiError(
      call('PutEvents', { Entries: [{ Source: 's', DetailType: 't', Detail: '{}' }] }),
    );

    expect(error.code).toBe('InternalException');
    expect(error.statusCode).toBe(500);
    expect(logger.at('error')).toHaveLength(1);
  });
});
