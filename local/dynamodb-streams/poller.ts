import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

import type { Logger } from '../log';
import { sleep } from '../sleep';
import type { Invoke } from '../sqs-lambda/poller';
import { checkpointKey, MemoryCheckpoints, type StreamCheckpoints } from './checkpoints';
import { toLambdaRecord } from './records';

// NOTE: BisectBatchOnFunctionError, MaximumRecordAgeInSeconds, ParallelizationFactor and
// tumbling windows are not emulated; a failing batch is retried whole from its first failure.
export interface StreamPollerOptions {
  dynamoDb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  sqs: SQSClient;
  tableName: string;
  functionName: string;
  functionArn: string;
  batchSize: number;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  reportBatchItemFailures: boolean;
  /** Retries of a failing batch; -1 retries until the records expire, as AWS does by default. */
  maximumRetryAttempts: number;
  /** Queue URL that receives a description of each batch that failed every retry. */
  onFailureQueueUrl?: string;
  invoke: Invoke;
  logger: Logger;
  /** Wait between reads of a shard with no new records. */
  idleDelayMs?: number;
  /** Store of the last finished record of each shard, in memory by default. */
  checkpoints?: StreamCheckpoints;
}

export interface StreamPoller {
  stop(): Promise<void>;
}

/** Index of the first record to retry after a response, or undefined when all succeeded. */
function firstFailedIndex(payload: unknown, records: StreamRecord[]): number | undefined | 'invalid' {
  const failures = (payload as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) {
    return undefined;
  }
  let lowest: number | undefined;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index = records.findIndex((record) => record.dynamodb?.SequenceNumber === id);
    if (index < 0) {
      return 'invalid';
    }
    lowest = lowest === undefined ? index : Math.min(lowest, index);
  }

  return lowest;
}

/**
 * Reads one shard in order and invokes the function with each batch, as a DynamoDB Streams
 * event source mapping does: a failed batch is retried from its first failed record, so
 * records after a failure are never processed before it.
 */
class ShardReader {
  private retries = 0;

  constructor(
    private readonly options: StreamPollerOptions,
    private readonly streamArn: string,
    private readonly shard: Shard,
    private readonly signal: AbortSignal,
  ) {}

  /** Sequence number of the newest record read from the shard so far. */
  private lastRead: string | undefined;

  private get checkpointKey(): string {
    return checkpointKey(this.options.functionName, this.options.tableName, this.shard.ShardId as string);
  }

  private checkpoint(record: StreamRecord | undefined): void {
    const sequenceNumber = record?.dynamodb?.SequenceNumber;
    if (sequenceNumber) {
      this.options.checkpoints?.set(this.checkpointKey, sequenceNumber);
    }
  }

  /** Returns an iterator after the last record read, else after the checkpoint, else at the start. */
  private async iteratorAfterLastRead(): Promise<string | undefined> {
    const after = this.lastRead ?? this.options.checkpoints?.get(this.checkpointKey);
    const position = after
      ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, SequenceNumber: after }
      : { ShardIteratorType: this.options.startingPosition };
    const response = await this.options.streams.send(
      new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId: this.shard.ShardId, ...position }),
    );

    return response.ShardIterator;
  }

  /**
   * Reads the next page. DynamoDB Local sometimes rejects a valid iterator with
   * TrimmedDataAccessException, and iterators expire after 15 minutes. On either error the
   * reader takes a new iterator right after the last record read and goes on.
   */
  private async readPage(iterator: string, limit: number): Promise<{ records: StreamRecord[]; next?: string }> {
    try {
      const page = await this.options.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }), {
        abortSignal: this.signal,
      });

      return { records: page.Records ?? [], next: page.NextShardIterator };
    } catch (error) {
      const name = (error as Error).name;
      if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') {
        throw error;
      }
      this.options.logger.debug('shard iterator renewed', { table: this.options.tableName, reason: name });

      return { records: [], next: await this.iteratorAfterLastRead() };
    }
  }

  async run(): Promise<void> {
    let iterator = await this.iteratorAfterLastRead();
    let pending: StreamRecord[] = [];
    while (!this.signal.aborted && (iterator || pending.length > 0)) {
      if (pending.length < this.options.batchSize && iterator) {
        const page = await this.readPage(iterator, this.options.batchSize - pending.length);
        pending.push(...page.records);
        this.lastRead = page.records.at(-1)?.dynamodb?.SequenceNumber ?? this.lastRead;
        iterator = page.next;
      }
      if (pending.length === 0) {
        await sleep(this.options.idleDelayMs ?? 100, this.signal);
        continue;
      }
      pending = await this.process(pending.slice(0, this.options.batchSize), pending.slice(this.options.batchSize));
    }
  }

  /** Invokes the function with one batch; returns the records still to process. */
  private async process(batch: StreamRecord[], rest: StreamRecord[]): Promise<StreamRecord[]> {
    const { logger, functionName } = this.options;
    const records = batch.map((record) => toLambdaRecord(record, this.streamArn));
    const result = await this.options.invoke(functionName, { Records: records });
    let retryFrom: number | undefined | 'invalid' = 0;
    if (result.ok) {
      retryFrom = this.options.reportBatchItemFailures ? firstFailedIndex(result.payload, batch) : undefined;
    } else {
      logger.warn('stream batch failed', { function: functionName, error: result.errorMessage });
    }
    if (retryFrom === undefined) {
      this.retries = 0;
      this.checkpoint(batch.at(-1));

      return rest;
    }
    const failedFrom = retryFrom === 'invalid' ? 0 : retryFrom;
    this.checkpoint(batch[failedFrom - 1]);
    this.retries += 1;
    const { maximumRetryAttempts } = this.options;
    if (maximumRetryAttempts >= 0 && this.retries > maximumRetryAttempts) {
      await this.discard(batch.slice(failedFrom));
      this.retries = 0;
      this.checkpoint(batch.at(-1));

      return rest;
    }
    await sleep(Math.min(5_000, 100 * 2 ** Math.min(this.retries, 6)), this.signal);

    return [...batch.slice(failedFrom), ...rest];
  }

  /** Sends the on-failure record AWS sends for a batch whose retries ran out, then skips it. */
  private async discard(batch: StreamRecord[]): Promise<void> {
    const { logger, functionName, onFailureQueueUrl } = this.options;
    const first = batch[0]?.dynamodb;
    const last = batch.at(-1)?.dynamodb;
    logger.error('stream batch discarded after retries', {
      function: functionName,
      from: first?.SequenceNumber,
      to: last?.SequenceNumber,
      destination: onFailureQueueUrl ?? 'none',
    });
    if (!onFailureQueueUrl) {
      return;
    }
    const body = {
      requestContext: {
        requestId: crypto.randomUUID(),
        functionArn: this.options.functionArn,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: this.options.maximumRetryAttempts + 1,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId: this.shard.ShardId,
        startSequenceNumber: first?.SequenceNumber,
        endSequenceNumber: last?.SequenceNumber,
        approximateArrivalOfFirstRecord: first?.ApproximateCreationDateTime?.toISOString(),
        approximateArrivalOfLastRecord: last?.ApproximateCreationDateTime?.toISOString(),
        batchSize: batch.length,
        streamArn: this.streamArn,
      },
    };
    await this.options.sqs.send(new SendMessageCommand({ QueueUrl: onFailureQueueUrl, MessageBody: JSON.stringify(body) }));
  }
}

async function readStream(options: StreamPollerOptions, signal: AbortSignal): Promise<void> {
  const table = await options.dynamoDb.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) {
    throw new Error(`Table ${options.tableName} has no stream; enable StreamSpecification on it.`);
  }
  const started = new Set<string>();
  const finished = new Set<string>();
  const readers: Promise<void>[] = [];
  while (!signal.aborted) {
    const description = await options.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const shards = description.StreamDescription?.Shards ?? [];
    const listed = new Set(shards.map((shard) => shard.ShardId));
    for (const shard of shards) {
      const shardId = shard.ShardId as string;
      const parent = shard.ParentShardId;
      // A child shard starts once its parent is read to the end, which keeps each item's order.
      const parentDone = !parent || finished.has(parent) || !listed.has(parent);
      if (started.has(shardId) || !parentDone) {
        continue;
      }
      started.add(shardId);
      const position = started.size === 1 || !parent ? options.startingPosition : 'TRIM_HORIZON';
      const reader = new ShardReader({ ...options, startingPosition: position }, streamArn, shard, signal);
      readers.push(
        reader.run().then(
          () => {
            finished.add(shardId);
          },
          (error: unknown) => {
            if (!signal.aborted) {
              options.logger.error('shard reader failed', { table: options.tableName, shard: shardId, error });
              started.delete(shardId);
            }
          },
        ),
      );
    }
    await sleep(2_000, signal);
  }
  await Promise.all(readers);
}

/** Starts reading a table's stream and invoking the function, as one event source mapping. */
export function startStreamPoller(settings: StreamPollerOptions): StreamPoller {
  const options = { ...settings, checkpoints: settings.checkpoints ?? new MemoryCheckpoints() };
  const controller = new AbortController();
  const running = (async () => {
    while (!controller.signal.aborted) {
      try {
        await readStream(options, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) {
          return;
        }
        options.logger.error('stream polling failed, retrying in 1 s', { table: options.tableName, error });
        await sleep(1_000, controller.signal);
      }
    }
  })();

  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
