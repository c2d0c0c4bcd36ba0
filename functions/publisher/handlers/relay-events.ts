import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import type { IntegrationEvent } from '../../../schemas/event-definition';
import { type PutEventsClient, publishInOrder } from '../../../lib/event-publisher';
import { OUTBOX_ATTRIBUTE, OutboxEntry } from '../../../lib/outbox';
import { fromAttributeValue } from '../../../lib/stream-image';

export interface RelayDependencies {
  logger: Logger;
  client: PutEventsClient;
  eventBusName: string;
}

/** An outbox entry with the stream record that carried it. */
interface PendingEntry {
  sequenceNumber: string;
  event: IntegrationEvent;
}

/** The part of a stream record that the relay publishes, if any. */
type RecordOutbox =
  | { kind: 'entry'; event: IntegrationEvent }
  | { kind: 'none' }
  | { kind: 'invalid'; message: string };

/**
 * Builds the handler of the DynamoDB Streams event source mappings of the event tables.
 * It publishes the outbox entry of each INSERT record, in stream order. At the first
 * entry that is not published it returns that record's SequenceNumber as the only batch
 * item failure, so Lambda retries the batch from that record and keeps the order.
 */
export function buildRelayHandler(deps: RelayDependencies) {
  return (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
    relayRecords(deps, event.Records);
}

export async function relayRecords(
  deps: RelayDependencies,
  records: readonly DynamoDBRecord[],
): Promise<DynamoDBBatchResponse> {
  const { entries, stopAt } = collectEntries(deps.logger, records);
  const events = entries.map((entry) => entry.event);
  const result = await publishInOrder(deps.eventBusName, deps.client, events);
  if (!result.ok) {
    const failed = entries[result.publishedCount] as PendingEntry;
    deps.logger.warn('outbox entry not published, batch retried from it', {
      sequenceNumber: failed.sequenceNumber,
      detailType: failed.event.detailType,
      eventId: failed.event.detail.metadata.eventId,
      published: result.publishedCount,
      error: result.failure,
    });

    return { batchItemFailures: [{ itemIdentifier: failed.sequenceNumber }] };
  }
  deps.logger.info('outbox entries published', { count: events.length });
  if (stopAt !== undefined) {
    return { batchItemFailures: [{ itemIdentifier: stopAt }] };
  }

  return { batchItemFailures: [] };
}

/**
 * Reads the outbox entries of the batch in order, up to the first record whose outbox
 * entry is invalid. That record's SequenceNumber is returned as `stopAt`, so it is
 * retried until the mapping's maximumRetryAttempts send it to the on-failure destination.
 */
function collectEntries(
  logger: Logger,
  records: readonly DynamoDBRecord[],
): { entries: PendingEntry[]; stopAt?: string } {
  const entries: PendingEntry[] = [];
  for (const record of records) {
    const sequenceNumber = record.dynamodb?.SequenceNumber ?? '';
    const outbox = readOutbox(record);
    if (outbox.kind === 'invalid') {
      logger.error('invalid outbox entry', { sequenceNumber, error: outbox.message });

      return { entries, stopAt: sequenceNumber };
    }
    if (outbox.kind === 'entry') {
      entries.push({ sequenceNumber, event: outbox.event });
    }
  }

  return { entries };
}

function readOutbox(record: DynamoDBRecord): RecordOutbox {
  const value = record.dynamodb?.NewImage?.[OUTBOX_ATTRIBUTE];
  if (record.eventName !== 'INSERT' || value === undefined) {
    return { kind: 'none' };
  }
  const result = OutboxEntry.safeParse(fromAttributeValue(value));
  if (!result.success) {
    return { kind: 'invalid', message: result.error.message };
  }

  return { kind: 'entry', event: result.data };
}
