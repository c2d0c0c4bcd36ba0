import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { z } from 'zod';
import { parseEventBody } from './envelope';

/** A Lambda handler for SQS event source mappings with ReportBatchItemFailures. */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * Creates an SQS handler whose records each carry a whole EventBridge event in the
 * body. Each body is parsed with `schema` and passed to `handleEvent`. A record that
 * fails to parse or to process is logged with its message id and reported in
 * `batchItemFailures`, so SQS redelivers only that record.
 */
export function createSqsHandler<Schema extends z.ZodType>(
  options: { logger: Logger; schema: Schema },
  handleEvent: (event: z.output<Schema>, record: SQSRecord) => Promise<void>,
): SqsHandler {
  const { logger, schema } = options;

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    try {
      const event = parseEventBody(record.body, schema);
      await handleEvent(event, record);
    } catch (error) {
      logger.error('record failed', {
        messageId: record.messageId,
        error: error instanceof Error ? error : String(error),
      });
      throw error;
    }
  };

  const handleBatch = (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, handleRecord, new BatchProcessor(EventType.SQS), {
      context,
      // An all-failed batch is still reported record by record, never as one error.
      throwOnFullBatchFailure: false,
    });

  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(handleBatch);
}
