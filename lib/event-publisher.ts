import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import type { IntegrationEvent } from '../schemas/event-definition';
import { type FailedEntry, PublishError } from './errors';

/** Publishes events to the bus and resolves only when every event was accepted. */
export type PublishEvents = (events: readonly IntegrationEvent[]) => Promise<void>;

/** The part of the EventBridge client that the publisher uses. */
export interface PutEventsClient {
  send(command: PutEventsCommand): Promise<{
    FailedEntryCount?: number | undefined;
    Entries?: PutEventsResultEntry[] | undefined;
  }>;
}

/** PutEvents accepts at most 10 entries per call. */
export const MAX_ENTRIES_PER_CALL = 10;

/**
 * Creates a publisher that sends events with PutEvents in chunks of 10.
 *
 * @throws PublishError when any entry is rejected. PutEvents reports rejected entries
 *   in its result instead of failing the call, so each entry is checked.
 */
export function createEventPublisher(
  eventBusName: string,
  client: PutEventsClient = new EventBridgeClient({}),
): PublishEvents {
  return async (events) => {
    for (let start = 0; start < events.length; start += MAX_ENTRIES_PER_CALL) {
      const chunk = events.slice(start, start + MAX_ENTRIES_PER_CALL);
      const entries = chunk.map((event) => toEntry(eventBusName, event));
      const output = await client.send(new PutEventsCommand({ Entries: entries }));
      const failed = findFailedEntries(chunk, output.Entries ?? [], output.FailedEntryCount);
      if (failed.length > 0) {
        throw new PublishError(failed);
      }
    }
  };
}

function toEntry(eventBusName: string, event: IntegrationEvent): PutEventsRequestEntry {
  return {
    EventBusName: eventBusName,
    Source: event.source,
    DetailType: event.detailType,
    Detail: JSON.stringify(event.detail),
    Time: new Date(event.detail.metadata.occurredAt),
  };
}

function findFailedEntries(
  events: readonly IntegrationEvent[],
  results: readonly PutEventsResultEntry[],
  failedEntryCount: number | undefined,
): FailedEntry[] {
  const failed: FailedEntry[] = [];
  events.forEach((event, index) => {
    const result = results[index];
    if (result === undefined || result.ErrorCode || !result.EventId) {
      failed.push({
        detailType: event.detailType,
        errorCode: result?.ErrorCode ?? 'MissingResultEntry',
        ...(result?.ErrorMessage ? { errorMessage: result.ErrorMessage } : {}),
      });
    }
  });

  if (failed.length === 0 && (failedEntryCount ?? 0) > 0) {
    failed.push({ detailType: '(unknown)', errorCode: 'FailedEntryCount' });
  }

  return failed;
}
