import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

import type { Logger } from '../log';
import { sleep } from '../sleep';
import { readBatchResponse } from './batch-response';
import { toLambdaRecord } from './records';

/** The result of invoking a function: its payload, or the error it failed with. */
export type InvokeResult = { ok: true; payload: unknown } | { ok: false; errorType: string; errorMessage: string };

export type Invoke = (functionName: string, event: unknown) => Promise<InvokeResult>;

export interface PollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  functionName: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  reportBatchItemFailures: boolean;
  invoke: Invoke;
  /**
   * How many batches are received and processed at once.
   * NOTE: fixed here, while AWS scales SQS pollers with the queue backlog.
   */
  concurrency: number;
  logger: Logger;
}

export interface Poller {
  stop(): Promise<void>;
}

const maxMessagesPerReceive = 10;
const longPollSeconds = 20;

/**
 * Gathers one batch as an SQS event source mapping does. The first receive long-polls. With
 * a batching window, more receives follow until the batch is full or the window, counted
 * from the first message, has passed.
 */
async function receiveBatch(options: PollerOptions, signal: AbortSignal): Promise<Message[]> {
  const messages: Message[] = [];
  let windowEndsAt = 0;
  while (messages.length < options.batchSize && !signal.aborted) {
    const remainingWindowMs = windowEndsAt - Date.now();
    if (messages.length > 0 && remainingWindowMs <= 0) {
      break;
    }
    const waitSeconds = messages.length === 0 ? longPollSeconds : Math.min(longPollSeconds, Math.ceil(remainingWindowMs / 1000));
    const response = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(maxMessagesPerReceive, options.batchSize - messages.length),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: signal },
    );
    const received = response.Messages ?? [];
    if (messages.length === 0 && received.length > 0) {
      windowEndsAt = Date.now() + options.maximumBatchingWindowInSeconds * 1000;
    }
    messages.push(...received);
    if (options.maximumBatchingWindowInSeconds === 0 && messages.length > 0) {
      break;
    }
  }

  return messages;
}

async function deleteMessages(options: PollerOptions, messages: Message[]): Promise<void> {
  for (let start = 0; start < messages.length; start += maxMessagesPerReceive) {
    const chunk = messages.slice(start, start + maxMessagesPerReceive);
    const response = await options.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: chunk.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
      }),
    );
    for (const failure of response.Failed ?? []) {
      options.logger.error('delete failed', { queue: options.queueArn, code: failure.Code, message: failure.Message });
    }
  }
}

/** Invokes the function with one batch and deletes the messages that succeeded. */
async function processBatch(options: PollerOptions, messages: Message[]): Promise<void> {
  const { logger, functionName } = options;
  const records = messages.map((message) => toLambdaRecord(message, options.queueArn, options.region));
  const result = await options.invoke(functionName, { Records: records });
  if (!result.ok) {
    logger.warn('batch failed', {
      function: functionName,
      records: records.length,
      errorType: result.errorType,
      error: result.errorMessage,
    });

    return;
  }
  if (!options.reportBatchItemFailures) {
    await deleteMessages(options, messages);

    return;
  }
  const outcome = readBatchResponse(result.payload, new Set(records.map((record) => record.messageId)));
  if (outcome.kind === 'all-failed') {
    logger.warn('batch response invalid, batch failed', { function: functionName, reason: outcome.reason });

    return;
  }
  const failedIds = outcome.kind === 'partial' ? outcome.failedIds : new Set<string>();
  if (failedIds.size > 0) {
    logger.info('batch partly failed', { function: functionName, failed: [...failedIds].join(',') });
  }
  await deleteMessages(options, messages.filter((message) => !failedIds.has(message.MessageId ?? '')));
}

async function runWorker(options: PollerOptions, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const messages = await receiveBatch(options, signal);
      if (messages.length > 0 && !signal.aborted) {
        await processBatch(options, messages);
      }
    } catch (error) {
      if (signal.aborted) {
        return;
      }
      options.logger.error('polling failed, retrying in 1 s', { queue: options.queueArn, error });
      await sleep(1_000, signal);
    }
  }
}

/** Starts polling the queue and invoking the function, as one SQS event source mapping. */
export function startPoller(options: PollerOptions): Poller {
  const controller = new AbortController();
  const workers = Array.from({ length: Math.max(1, options.concurrency) }, () =>
    runWorker(options, controller.signal),
  );

  return {
    async stop() {
      controller.abort();
      await Promise.all(workers);
    },
  };
}
