import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
  type PutEventsRequestEntry,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { localClients, queueArn, receiveMessages, uniqueName } from '../support/aws';

const { sqs, events } = localClients();
const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const ORDER_PATTERN = JSON.stringify({ source: ['test.api'], 'detail-type': ['OrderCreated'] });

let busName: string;

/** Returns the error that `promise` rejects with, or fails the test when it resolves. */
type SdkError = Error & { $metadata?: { httpStatusCode?: number } };

async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('Expected the request to fail, but it succeeded.');
}

async function createQueue(prefix: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName(prefix) }));
  const url = QueueUrl as string;

  return { url, arn: await queueArn(sqs, url) };
}

function orderEntry(detail: object): PutEventsRequestEntry {
  return {
    EventBusName: busName,
    Source: 'test.api',
    DetailType: 'OrderCreated',
    Detail: JSON.stringify(detail),
  };
}

async function ruleWithTarget(target: Target): Promise<string> {
  const name = uniqueName('rule');
  const bus = { EventBusName: busName };
  await events.send(new PutRuleCommand({ ...bus, Name: name, EventPattern: ORDER_PATTERN }));
  await events.send(new PutTargetsCommand({ ...bus, Rule: name, Targets: [target] }));

  return name;
}

beforeAll(async () => {
  busName = uniqueName('api-bus');
  await events.send(new CreateEventBusCommand({ Name: busName }));
});

afterAll(async () => {
  await events.send(new DeleteEventBusCommand({ Name: busName }));
});

describe('event bus operations', () => {
  it('runs the bus lifecycle', async () => {
    const name = uniqueName('lifecycle');
    const expectedArn = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;

    const created = await events.send(
      new CreateEventBusCommand({ Name: name, Description: 'probe' }),
    );
    const described = await events.send(new DescribeEventBusCommand({ Name: name }));
    const listed = await events.send(new ListEventBusesCommand({ NamePrefix: name }));
    await events.send(new DeleteEventBusCommand({ Name: name }));
    const afterDelete = await rejection(events.send(new DescribeEventBusCommand({ Name: name })));

    expect(created.EventBusArn).toBe(expectedArn);
    expect(described.Name).toBe(name);
    expect(described.Arn).toBe(expectedArn);
    expect(described.Description).toBe('probe');
    expect(described.CreationTime).toBeInstanceOf(Date);
    expect(listed.EventBuses?.map((bus) => bus.Name)).toEqual([name]);
    expect(afterDelete.name).toBe('ResourceNotFoundException');
    expect(afterDelete.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects a bus that already exists', async () => {
    const error = await rejection(events.send(new CreateEventBusCommand({ Name: busName })));

    expect(error.name).toBe('ResourceAlreadyExistsException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('rule operations', () => {
  it('runs the rule lifecycle', async () => {
    const name = uniqueName('lifecycle');

    const put = await events.send(
      new PutRuleCommand({ Name: name, EventBusName: busName, EventPattern: ORDER_PATTERN, Description: 'd' }),
    );
    const described = await events.send(new DescribeRuleCommand({ Name: name, EventBusName: busName }));
    await events.send(new DisableRuleCommand({ Name: name, EventBusName: busName }));
    const disabled = await events.send(new DescribeRuleCommand({ Name: name, EventBusName: busName }));
    await events.send(new EnableRuleCommand({ Name: name, EventBusName: busName }));
    const enabled = await events.send(new DescribeRuleCommand({ Name: name, EventBusName: busName }));
    const listed = await events.send(new ListRulesCommand({ EventBusName: busName, NamePrefix: name }));
    await events.send(new DeleteRuleCommand({ Name: name, EventBusName: busName }));
    const afterDelete = await events.send(new ListRulesCommand({ EventBusName: busName, NamePrefix: name }));

    expect(put.RuleArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:rule/${busName}/${name}`);
    expect(described.Name).toBe(name);
    expect(described.Arn).toBe(put.RuleArn);
    expect(described.EventBusName).toBe(busName);
    expect(JSON.parse(described.EventPattern ?? '{}')).toEqual(JSON.parse(ORDER_PATTERN));
    expect(described.State).toBe('ENABLED');
    expect(described.Description).toBe('d');
    expect(disabled.State).toBe('DISABLED');
    expect(enabled.State).toBe('ENABLED');
    expect(listed.Rules?.map((rule) => rule.Name)).toEqual([name]);
    expect(listed.Rules?.[0]?.Arn).toBe(put.RuleArn);
    expect(afterDelete.Rules).toEqual([]);
  });

  it('rejects an unknown rule', async () => {
    const error = await rejection(
      events.send(new DescribeRuleCommand({ Name: uniqueName('missing'), EventBusName: busName })),
    );

    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('does not exist');
  });

  it('rejects an invalid pattern with the reason', async () => {
    const pattern = JSON.stringify({ detail: { price: [{ numeric: ['<>', 5] }] } });

    const error = await rejection(
      events.send(new PutRuleCommand({ Name: uniqueName('bad'), EventBusName: busName, EventPattern: pattern })),
    );

    expect(error.name).toBe('InvalidEventPatternException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('detail.price');
  });

  it('rejects pattern text that is not JSON', async () => {
    const error = await rejection(
      events.send(new PutRuleCommand({ Name: uniqueName('bad'), EventBusName: busName, EventPattern: '{"source":' })),
    );

    expect(error.name).toBe('InvalidEventPatternException');
    expect(error.message).toContain('not valid JSON');
  });

  it('rejects deleting a rule with targets', async () => {
    const queue = await createQueue('kept');
    const name = await ruleWithTarget({ Id: 'queue', Arn: queue.arn });

    const error = await rejection(events.send(new DeleteRuleCommand({ Name: name, EventBusName: busName })));
    const still = await events.send(new DescribeRuleCommand({ Name: name, EventBusName: busName }));

    expect(error.name).toBe('ValidationException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('targets');
    expect(still.Name).toBe(name);
  });
});

describe('target operations', () => {
  it('puts, lists and removes targets', async () => {
    const queue = await createQueue('targets');
    const name = uniqueName('targets');
    await events.send(new PutRuleCommand({ Name: name, EventBusName: busName, EventPattern: ORDER_PATTERN }));
    const target: Target = {
      Id: 'queue',
      Arn: queue.arn,
      Input: '{"fixed":true}',
      RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 60 },
    };

    const put = await events.send(new PutTargetsCommand({ Rule: name, EventBusName: busName, Targets: [target] }));
    const listed = await events.send(new ListTargetsByRuleCommand({ Rule: name, EventBusName: busName }));
    const removed = await events.send(
      new RemoveTargetsCommand({ Rule: name, EventBusName: busName, Ids: ['queue'] }),
    );
    const afterRemove = await events.send(new ListTargetsByRuleCommand({ Rule: name, EventBusName: busName }));
    await events.send(new DeleteRuleCommand({ Name: name, EventBusName: busName }));

    expect(put.FailedEntryCount).toBe(0);
    expect(put.FailedEntries).toEqual([]);
    expect(listed.Targets).toEqual([target]);
    expect(removed.FailedEntryCount).toBe(0);
    expect(afterRemove.Targets).toEqual([]);
  });

  it('rejects targets of an unknown rule', async () => {
    const error = await rejection(
      events.send(new ListTargetsByRuleCommand({ Rule: uniqueName('missing'), EventBusName: busName })),
    );

    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('PutEvents', () => {
  it('rejects 11 entries with ValidationException', async () => {
    const entries = Array.from({ length: 11 }, (_, index) => orderEntry({ index }));

    const error = await rejection(events.send(new PutEventsCommand({ Entries: entries })));

    expect(error.name).toBe('ValidationException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('11');
  });

  it('rejects entries over the size limit as a whole', async () => {
    const oversized = orderEntry({ blob: 'x'.repeat(1024 * 1024) });

    const entries = [orderEntry({}), oversized];

    const error = await rejection(events.send(new PutEventsCommand({ Entries: entries })));

    expect(error.name).toBe('ValidationException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('over the limit');
  });

  it('fails one bad entry alone', async () => {
    const malformed = { ...orderEntry({}), Detail: '{not json' };

    const entries = [orderEntry({ n: 1 }), malformed, orderEntry({ n: 2 })];

    const put = await events.send(new PutEventsCommand({ Entries: entries }));

    expect(put.FailedEntryCount).toBe(1);
    expect(put.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(put.Entries?.[1]?.ErrorCode).toBe('MalformedDetail');
    expect(put.Entries?.[1]?.EventId).toBeUndefined();
    expect(put.Entries?.[2]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('TestEventPattern', () => {
  const event = {
    id: 'e-1',
    account: ACCOUNT,
    source: 'test.api',
    time: '2026-01-01T00:00:00Z',
    region: REGION,
    resources: [],
    'detail-type': 'OrderCreated',
    detail: { total: 12 },
  };
  const eventJson = JSON.stringify(event);

  it('returns true for a matching event', async () => {
    const pattern = JSON.stringify({ source: ['test.api'], detail: { total: [{ numeric: ['>', 10] }] } });

    const result = await events.send(new TestEventPatternCommand({ EventPattern: pattern, Event: eventJson }));

    expect(result.Result).toBe(true);
  });

  it('returns false for another source', async () => {
    const pattern = JSON.stringify({ source: ['test.other'] });

    const result = await events.send(new TestEventPatternCommand({ EventPattern: pattern, Event: eventJson }));

    expect(result.Result).toBe(false);
  });
});

describe('delivery to SQS', () => {
  it('delivers InputTransformer output to a queue', async () => {
    const queue = await createQueue('transformed');
    await ruleWithTarget({
      Id: 'queue',
      Arn: queue.arn,
      InputTransformer: {
        InputPathsMap: { order: '$.detail.orderId', total: '$.detail.total' },
        InputTemplate: '{"order": <order>, "text": "order <order> costs <total>"}',
      },
    });

    await events.send(new PutEventsCommand({ Entries: [orderEntry({ orderId: 'o-9', total: 7.5 })] }));
    const [message] = await receiveMessages(sqs, queue.url, 1);

    expect(JSON.parse(message?.Body ?? '{}')).toEqual({ order: 'o-9', text: 'order o-9 costs 7.5' });
  });

  it('delivers an event over 256 KB', async () => {
    const queue = await createQueue('large');
    await ruleWithTarget({ Id: 'queue', Arn: queue.arn });
    const blob = 'x'.repeat(400 * 1024);

    const put = await events.send(new PutEventsCommand({ Entries: [orderEntry({ blob })] }));
    const [message] = await receiveMessages(sqs, queue.url, 1);

    expect(put.FailedEntryCount).toBe(0);
    expect(JSON.parse(message?.Body ?? '{}').detail?.blob).toHaveLength(blob.length);
  });

  it('sends events for a missing queue to the DLQ', async () => {
    const deadLetterQueue = await createQueue('dlq');
    const missingArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:${uniqueName('missing')}`;
    const ruleName = await ruleWithTarget({
      Id: 'missing-queue',
      Arn: missingArn,
      RetryPolicy: { MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 60 },
      DeadLetterConfig: { Arn: deadLetterQueue.arn },
    });

    const put = await events.send(new PutEventsCommand({ Entries: [orderEntry({ orderId: 'o-10' })] }));
    const [deadLetter] = await receiveMessages(sqs, deadLetterQueue.url, 1);
    const attribute = (name: string) => deadLetter?.MessageAttributes?.[name]?.StringValue;

    expect(JSON.parse(deadLetter?.Body ?? '{}').id).toBe(put.Entries?.[0]?.EventId);
    expect(attribute('RULE_ARN')).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:rule/${busName}/${ruleName}`);
    expect(attribute('TARGET_ARN')).toBe(missingArn);
    expect(attribute('ERROR_CODE')).toBe('NO_RESOURCE');
    expect(attribute('ERROR_MESSAGE')).toContain('does not exist');
  });
});
