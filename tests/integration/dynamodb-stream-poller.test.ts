import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';

import type { DynamoDbLambdaRecord } from '../../local/dynamodb-streams/records';
import { MemoryCheckpoints } from '../../local/dynamodb-streams/checkpoints';
import { startStreamPoller, type StreamPoller } from '../../local/dynamodb-streams/poller';
import { createLogger } from '../../local/log';
import type { Invoke } from '../../local/sqs-lambda/poller';
import { createQueueWithDlq, eventually, localClients, receiveMessages, uniqueName } from '../support/aws';

const config = {
  region: inject('region'),
  endpoint: inject('awsEndpoint'),
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};
const dynamoDb = new DynamoDBClient(config);
const streams = new DynamoDBStreamsClient(config);
const { sqs } = localClients();
const recorded = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../shared/cases/aws-events/dynamodb-base.json', import.meta.url)), 'utf8'),
);
let poller: StreamPoller | undefined;

afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});

async function createStreamTable(): Promise<string> {
  const tableName = uniqueName('stream');
  await dynamoDb.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );

  return tableName;
}

async function putItems(tableName: string, ids: number[]): Promise<void> {
  for (const id of ids) {
    await dynamoDb.send(new PutItemCommand({ TableName: tableName, Item: { id: { N: String(id) }, note: { S: `item ${id}` } } }));
  }
}

interface StartOptions {
  maximumRetryAttempts?: number;
  onFailureQueueUrl?: string;
  checkpoints?: MemoryCheckpoints;
}

function start(tableName: string, invoke: Invoke, extra: StartOptions = {}) {
  poller = startStreamPoller({
    dynamoDb,
    streams,
    sqs,
    tableName,
    functionName: 'fixture',
    functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fixture',
    batchSize: 10,
    startingPosition: 'TRIM_HORIZON',
    reportBatchItemFailures: true,
    maximumRetryAttempts: extra.maximumRetryAttempts ?? -1,
    onFailureQueueUrl: extra.onFailureQueueUrl,
    checkpoints: extra.checkpoints,
    invoke,
    logger: createLogger('stream-test', 100),
    idleDelayMs: 50,
  });
}

function idsOf(event: unknown): number[] {
  return (event as { Records: DynamoDbLambdaRecord[] }).Records.map((record) =>
    Number((record.dynamodb.Keys as { id: { N: string } }).id.N),
  );
}

describe('DynamoDB Streams poller', () => {
  it('delivers records in order with the Lambda shape', async () => {
    const tableName = await createStreamTable();
    await putItems(tableName, [1, 2, 3]);
    const batches: unknown[] = [];
    start(tableName, async (_name, event) => {
      batches.push(event);

      return { ok: true, payload: null };
    });

    await eventually(async () => (batches.flatMap(idsOf).length >= 3 ? true : undefined), 15_000, 'three records');

    expect(batches.flatMap(idsOf)).toEqual([1, 2, 3]);
    const record = (batches[0] as { Records: DynamoDbLambdaRecord[] }).Records[0] as DynamoDbLambdaRecord;
    const expected = recorded.Records[0];
    expect(Object.keys(record).sort()).toEqual(Object.keys(expected).sort());
    expect(Object.keys(record.dynamodb).sort()).toEqual(Object.keys(expected.dynamodb).sort());
    expect(typeof record.dynamodb.ApproximateCreationDateTime).toBe('number');
    expect(record.eventName).toBe('INSERT');
    expect(record.eventSource).toBe('aws:dynamodb');
    expect(record.dynamodb.NewImage).toEqual({ id: { N: '1' }, note: { S: 'item 1' } });
  });

  it('retries from the first reported failure', async () => {
    const tableName = await createStreamTable();
    await putItems(tableName, [1, 2, 3]);
    const seen: number[][] = [];
    let failOnce = true;
    start(tableName, async (_name, event) => {
      const records = (event as { Records: DynamoDbLambdaRecord[] }).Records;
      seen.push(idsOf(event));
      const second = records.find((record) => idsOf({ Records: [record] })[0] === 2);
      if (failOnce && second) {
        failOnce = false;

        return { ok: true, payload: { batchItemFailures: [{ itemIdentifier: second.dynamodb.SequenceNumber }] } };
      }

      return { ok: true, payload: { batchItemFailures: [] } };
    });

    await eventually(async () => (seen.length >= 2 ? true : undefined), 15_000, 'a retried batch');

    expect(seen[0]).toEqual([1, 2, 3]);
    expect(seen[1]).toEqual([2, 3]);
  });

  it('sends an exhausted batch to the on-failure queue and moves on', async () => {
    const tableName = await createStreamTable();
    const destination = await createQueueWithDlq(sqs, uniqueName('on-failure'), 30, 5);
    await putItems(tableName, [1]);
    const seen: number[][] = [];
    start(
      tableName,
      async (_name, event) => {
        seen.push(idsOf(event));

        return idsOf(event).includes(1)
          ? { ok: false, errorType: 'Error', errorMessage: 'always fails' }
          : { ok: true, payload: null };
      },
      { maximumRetryAttempts: 1, onFailureQueueUrl: destination.queueUrl },
    );

    const [message] = await receiveMessages(sqs, destination.queueUrl, 1, 15_000);
    await putItems(tableName, [2]);
    await eventually(async () => (seen.some((ids) => ids.includes(2)) ? true : undefined), 15_000, 'the next record');

    const body = JSON.parse(message?.Body ?? '{}');
    expect(body.requestContext.condition).toBe('RetryAttemptsExhausted');
    expect(body.DDBStreamBatchInfo.batchSize).toBe(1);
    expect(seen.filter((ids) => ids.includes(1))).toHaveLength(2);
  });

  it('resumes after its checkpoint when started again', async () => {
    const tableName = await createStreamTable();
    const checkpoints = new MemoryCheckpoints();
    const seen: number[] = [];
    const invoke: Invoke = async (_name, event) => {
      seen.push(...idsOf(event));

      return { ok: true, payload: null };
    };
    await putItems(tableName, [1, 2]);
    start(tableName, invoke, { checkpoints });
    await eventually(async () => (seen.length >= 2 ? true : undefined), 15_000, 'the first records');
    await poller?.stop();

    await putItems(tableName, [3]);
    start(tableName, invoke, { checkpoints });
    await eventually(async () => (seen.includes(3) ? true : undefined), 15_000, 'the new record');

    expect(seen).toEqual([1, 2, 3]);
  });
});
