import {
  CreateEventBusCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';

import { localClients, queueArn, receiveMessages, uniqueName } from '../support/aws';

const { sqs, events } = localClients();

/** Creates a bus with one rule that sends every `test.buses` event to a new queue. */
async function busWithQueue(prefix: string) {
  const busName = uniqueName(prefix);
  await events.send(new CreateEventBusCommand({ Name: busName }));
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: `${busName}-target` }));
  const queueUrl = queue.QueueUrl as string;
  await events.send(
    new PutRuleCommand({ Name: 'all', EventBusName: busName, EventPattern: JSON.stringify({ source: ['test.buses'] }) }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: 'all',
      EventBusName: busName,
      Targets: [{ Id: 'queue', Arn: await queueArn(sqs, queueUrl) }],
    }),
  );

  return { busName, queueUrl };
}

describe('local EventBridge buses', () => {
  it('keeps two buses apart', async () => {
    const first = await busWithQueue('first');
    const second = await busWithQueue('second');

    const put = await events.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: first.busName, Source: 'test.buses', DetailType: 'Probe', Detail: '{"n":1}' }],
      }),
    );

    expect(put.FailedEntryCount).toBe(0);
    const delivered = await receiveMessages(sqs, first.queueUrl, 1);
    expect(delivered).toHaveLength(1);
    const event = JSON.parse(delivered[0]?.Body ?? '{}');
    expect(event.id).toBe(put.Entries?.[0]?.EventId);
    expect(event.detail).toEqual({ n: 1 });
    expect(await receiveMessages(sqs, second.queueUrl, 1, 2_000)).toHaveLength(0);
  });

  it('reports an unknown bus per entry and delivers the rest', async () => {
    const bus = await busWithQueue('known');

    const put = await events.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: uniqueName('missing'), Source: 'test.buses', DetailType: 'Probe', Detail: '{}' },
          { EventBusName: bus.busName, Source: 'test.buses', DetailType: 'Probe', Detail: '{}' },
        ],
      }),
    );

    expect(put.FailedEntryCount).toBe(1);
    expect(put.Entries?.[0]?.ErrorCode).toBeTruthy();
    expect(put.Entries?.[1]?.EventId).toBeTruthy();
    expect(await receiveMessages(sqs, bus.queueUrl, 1)).toHaveLength(1);
  });
});
