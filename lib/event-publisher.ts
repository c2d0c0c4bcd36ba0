import {
  PutEventsCommand,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import type { IntegrationEvent } from '../schemas/event-definition';
import type { FailedEntry } from './errors';

/** The part of the EventBridge client that the publisher uses. */
export interface PutEventsClient {
  send(command: PutEventsCommand): Promise<{
    FailedEntryCount?: number | undefined;
    Entries?: PutEventsResultEntry[] | undefined;
  }>;
}

/** PutEvents accepts at most 10 entries per call. */
export const MAX_ENTRIES_PER_CALL = 10;

/** How far an ordered publish got: events before `publishedCount` were all accepted. */
export type OrderedPublishResult =
  | { ok: true }
  | { ok: false; publishedCount: number; failure: FailedEntry | Error };

/**
 * Sends events in order, 10 per PutEvents call, and stops at the first event that is not
 * accepted. A call that throws counts as a failure of its first event. Entries after a
 * rejected one in the same call may have been accepted, so they can be sent again later.
 */
export async function publishInOrder(
  eventBusName: string,
  client: PutEventsClient,
  events: readonly IntegrationEvent[],
): Promise<OrderedPublishResult> {
  for (let start = 0; start < events.length; start += MAX_ENTRIES_PER_CALL) {
    const chunk = events.slice(start, start + MAX_ENTRIES_PER_CALL);
    const entries = chunk.map((event) => toEntry(eventBusName, event));
    let output;
    try {
      output = await client.send(new PutEventsCommand({ Entries: entries }));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));

      return { ok: false, publishedCount: start, failure };
    }
    const results = output.Entries ?? [];
    const rejected = chunk.findIndex((_event, index) => isRejected(results[index]));
    if (rejected >= 0) {
      const failure = toFailedEntry(chunk[rejected] as IntegrationEvent, results[rejected]);

      return { ok: false, publishedCount: start + rejected, failure };
    }
  }

  return { ok: true };
}

function isRejected(result: PutEventsResultEntry | undefined): boolean {
  return result === undefined || Boolean(result.ErrorCode) || !result.EventId;
}

function toFailedEntry(
  event: IntegrationEvent,
  result: PutEventsResultEntry | undefined,
): FailedEntry {
  return {
    detailType: event.detailType,
    errorCode: result?.ErrorCode ?? 'MissingResultEntry',
    ...(result?.ErrorMessage ? { errorMessage: result.ErrorMessage } : {}),
  };
}

export function toEntry(eventBusName: string, event: IntegrationEvent): PutEventsRequestEntry {
  return {
    EventBusName: eventBusName,
    Source: event.source,
    DetailType: event.detailType,
    Detail: JSON.stringify(event.detail),
    Time: new Date(event.detail.metadata.occurredAt),
  };
}
