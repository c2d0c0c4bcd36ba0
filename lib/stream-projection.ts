import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { fromImage } from './stream-image';

/** Applies one stored item, from an INSERT record's new image, to a read model. */
export type ApplyItem = (item: Record<string, unknown>) => Promise<void>;

/**
 * Creates the handler of a DynamoDB Streams event source mapping that feeds a read
 * model. It applies the new image of each INSERT record in stream order and stops at
 * the first record that fails, which it reports by SequenceNumber, so Lambda retries
 * from that record and later events are never applied before it.
 */
export function createStreamProjection(logger: Logger, apply: ApplyItem) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    for (const record of event.Records) {
      const failed = await applyRecord(logger, apply, record);
      if (failed) {
        return { batchItemFailures: [{ itemIdentifier: failed }] };
      }
    }

    return { batchItemFailures: [] };
  };
}

/** Applies one record and returns its SequenceNumber if it failed. */
async function applyRecord(
  logger: Logger,
  apply: ApplyItem,
  record: DynamoDBRecord,
): Promise<string | undefined> {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || image === undefined) {
    return undefined;
  }
  try {
    await apply(fromImage(image));
  } catch (error) {
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
    logger.error('projection failed, batch retried from this record', {
      sequenceNumber,
      streamId: String(image['streamId']?.S),
      error: error instanceof Error ? error : String(error),
    });

    return sequenceNumber;
  }

  return undefined;
}
