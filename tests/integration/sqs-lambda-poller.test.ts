import { SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';

import { createLogger } from '../../local/log';
import { startPoller, type Invoke, type InvokeResult, type Poller } from '../../local/sqs-lambda/poller';
import type { SqsLambdaRecord } from '../../local/sqs-lambda/records';
import { createQueueWithDlq, eventually, localClients, receiveMessages, uniqueName } from '../support/aws';

const { sqs } = localClients();
const logger = createLogger('poller-test', 100);
let poller: Poller | undefined;

afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

interface Invocation {
  bodies: string[];
  receiveCounts: string[];
}

/** Runs a handler the way the Lambda runtime does: a throw or a rejection becomes a function error. */
function asLambda(handler: (records: SqsLambdaRecord[]) => Promise<unknown>, invocations: Invocation[]): Invoke {
  return async (_functionName, event): Promise<InvokeResult> => {
    const records = (event as { Records: SqsLambdaRecord[] }).Records;
    invocations.push({
      bodies: records.map((record) => record.body),
      receiveCounts: records.map((record) => record.attributes.ApproximateReceiveCount ?? ''),
    });
    try {
      return { ok: true, payload: await handler(records) };
    } catch (error) {
      return { ok: false, errorType: error instanceof Error ? error.name : 'Error', errorMessage: String(error) };
    }
  };
}

function start(queue: { queueUrl: string; queueArn: string }, invoke: Invoke, batchSize = 10, windowSeconds = 0) {
  poller = startPoller({
    sqs,
    queueUrl: queue.queueUrl,
    queueArn: queue.queueArn,
    region: inject('region'),
    functionName: 'fixture',
    batchSize,
    maximumBatchingWindowInSeconds: windowSeconds,
    reportBatchItemFailures: true,
    invoke,
    concurrency: 1,
    logger,
  });
}

const recorded = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../shared/cases/aws-events/sqs-base.json', import.meta.url)), 'utf8'),
);

describe('SQS to Lambda poller', () => {
  it('delivers records with the recorded AWS shape', async () => {
    const queue = await createQueueWithDlq(sqs, uniqueName('shape'), 5, 3);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.queueUrl,
        MessageBody: 'shaped',
        MessageAttributes: { testAttr: { DataType: 'Number', StringValue: '100' } },
      }),
    );
    const events: { Records: SqsLambdaRecord[] }[] = [];
    start(queue, async (_name, event) => {
      events.push(event as { Records: SqsLambdaRecord[] });

      return { ok: true, payload: null };
    });

    await eventually(async () => (events.length > 0 ? true : undefined), 10_000, 'an invocation');

    const record = events[0]?.Records[0] as SqsLambdaRecord;
    const expected = recorded.Records[0];
    const optionalKeys = ['md5OfMessageAttributes'];
    expect(Object.keys(record).filter((key) => !optionalKeys.includes(key)).sort()).toEqual(Object.keys(expected).sort());
    expect(Object.keys(record.attributes).sort()).toEqual(Object.keys(expected.attributes).sort());
    expect(record.eventSource).toBe('aws:sqs');
    expect(record.eventSourceARN).toBe(queue.queueArn);
    expect(record.messageAttributes.testAttr).toMatchObject({ stringValue: '100', dataType: 'Number' });
    expect(record.attributes.ApproximateReceiveCount).toBe('1');
  });

  it('redelivers only the reported failure, then moves it to the DLQ', async () => {
    // The visibility timeout is longer than the batching window, so a batch never contains one
    // message twice.
    const queue = await createQueueWithDlq(sqs, uniqueName('partial'), 3, 3);
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.queueUrl,
        Entries: ['first', 'second', 'third'].map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );
    const invocations: Invocation[] = [];
    start(
      queue,
      asLambda(async (records) => ({
        batchItemFailures: records
          .filter((record) => record.body === 'second')
          .map((record) => ({ itemIdentifier: record.messageId })),
      }), invocations),
      3,
      1,
    );

    const dead = await receiveMessages(sqs, queue.dlqUrl, 1, 30_000);

    expect(dead.map((message) => message.Body)).toEqual(['second']);
    expect(invocations[0]?.bodies.sort()).toEqual(['first', 'second', 'third']);
    const secondReceives = invocations.flatMap((call) => call.bodies).filter((body) => body === 'second');
    expect(secondReceives).toHaveLength(3);
    const otherReceives = invocations.flatMap((call) => call.bodies).filter((body) => body !== 'second');
    expect(otherReceives).toHaveLength(2);
    expect(invocations.at(-1)?.receiveCounts).toEqual(['3']);
  });

  it('keeps serving after a throw and a non-Error rejection', async () => {
    const queue = await createQueueWithDlq(sqs, uniqueName('failing'), 1, 5);
    const invocations: Invocation[] = [];
    const handled: string[] = [];
    start(
      queue,
      asLambda(async (records) => {
        for (const record of records) {
          if (record.body === 'throw' && record.attributes.ApproximateReceiveCount === '1') {
            throw new Error('handler failed');
          }
          if (record.body === 'reject' && record.attributes.ApproximateReceiveCount === '1') {
            return Promise.reject('not an Error');
          }
          handled.push(record.body);
        }

        return { batchItemFailures: [] };
      }, invocations),
      1,
    );

    for (const body of ['throw', 'reject', 'after']) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queue.queueUrl, MessageBody: body }));
    }

    await eventually(async () => (handled.length === 3 ? true : undefined), 15_000, 'three handled messages');
    expect(handled.sort()).toEqual(['after', 'reject', 'throw']);
    expect(await receiveMessages(sqs, queue.dlqUrl, 1, 1_000)).toHaveLength(0);
  });

  it('fails the whole batch on an unknown itemIdentifier', async () => {
    const queue = await createQueueWithDlq(sqs, uniqueName('invalid'), 1, 2);
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.queueUrl, MessageBody: 'only' }));
    const invocations: Invocation[] = [];
    start(queue, asLambda(async () => ({ batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] }), invocations));

    const dead = await receiveMessages(sqs, queue.dlqUrl, 1, 15_000);

    expect(dead.map((message) => message.Body)).toEqual(['only']);
    expect(invocations).toHaveLength(2);
  });

  it('keeps polling when invoking itself fails', async () => {
    const queue = await createQueueWithDlq(sqs, uniqueName('unreachable'), 1, 5);
    let calls = 0;
    start(queue, async () => {
      calls += 1;
      if (calls === 1) {
        throw new Error('connection refused');
      }

      return { ok: true, payload: null };
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.queueUrl, MessageBody: 'retry me' }));

    await eventually(async () => (calls >= 2 ? true : undefined), 15_000, 'a second invocation');
    expect(calls).toBe(2);
  });
});
