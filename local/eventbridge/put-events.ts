import type { EventBusStore } from './buses';
import { validationError } from './errors';
import { readArray } from './validate';
import type { ApiRequest, EventBridgeEvent, EventBus, ServiceContext } from './types';

/**
 * Limit on the summed entry sizes of one PutEvents call. AWS raised it from 256 KB to 1 MB
 * on 29 January 2026 (AWS Compute Blog, "More room to build: serverless services now
 * support payloads up to 1 MB"). Entry sizes are computed as the EventBridge User Guide
 * ("Calculating Amazon EventBridge PutEvents event entry size") describes.
 * NOTE: AWS does not state whether 1 MB means 1,048,576 bytes. This uses 1 MiB, the
 * message size limit of SQS.
 */
export const MAX_ENTRIES_BYTES = 1024 * 1024;
const MAX_DETAIL_TYPE_LENGTH = 128;

export interface AcceptedEvent {
  bus: EventBus;
  event: EventBridgeEvent;
}

interface EntryFailure {
  ErrorCode: string;
  ErrorMessage: string;
}

export interface PutEventsResult {
  response: { FailedEntryCount: number; Entries: ({ EventId: string } | EntryFailure)[] };
  /** Accepted events in entry order. */
  accepted: AcceptedEvent[];
}

function utf8Length(value: unknown): number {
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0;
}

/**
 * Returns the size of an entry as the EventBridge User Guide computes it: 14 bytes for a
 * Time, plus the UTF-8 bytes of Source, DetailType, Detail and each of the Resources.
 */
export function entrySize(entry: ApiRequest): number {
  const timeBytes = entry.Time === undefined || entry.Time === null ? 0 : 14;
  const resources = Array.isArray(entry.Resources) ? entry.Resources : [];
  const resourceBytes = resources.reduce<number>((sum, arn) => sum + utf8Length(arn), 0);

  return (
    timeBytes +
    utf8Length(entry.Source) +
    utf8Length(entry.DetailType) +
    utf8Length(entry.Detail) +
    resourceBytes
  );
}

/** Formats a time as AWS does in events: ISO 8601 UTC without milliseconds. */
export function formatEventTime(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Error of one invalid entry, which becomes that entry's ErrorCode and ErrorMessage. */
class EntryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EntryError';
  }
}

function invalidArgument(parameter: string, reason: string): EntryError {
  const message = `Parameter ${parameter} is not valid. Reason: ${reason}`;

  return new EntryError('InvalidArgument', message);
}

function readRequiredText(entry: ApiRequest, parameter: string): string {
  const value = entry[parameter];
  if (typeof value !== 'string' || value === '') {
    throw invalidArgument(parameter, `${parameter} is a required argument.`);
  }

  return value;
}

/**
 * Parses Detail, which must be a JSON object.
 * NOTE: JSON.parse rounds integers beyond 2^53, so delivered events carry rounded values.
 */
function readDetail(entry: ApiRequest): Record<string, unknown> {
  const text = readRequiredText(entry, 'Detail');
  let detail: unknown;
  try {
    detail = JSON.parse(text);
  } catch {
    throw new EntryError('MalformedDetail', 'Detail is malformed.');
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    throw new EntryError('MalformedDetail', 'Detail is malformed: it must be a JSON object.');
  }

  return detail as Record<string, unknown>;
}

function readResources(entry: ApiRequest): string[] {
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || resources.some((arn) => typeof arn !== 'string')) {
    throw invalidArgument('Resources', 'Resources must be a list of strings.');
  }

  return resources as string[];
}

/** Reads Time, which the AWS JSON protocol sends as epoch seconds. ISO 8601 text works too. */
function readTime(entry: ApiRequest, now: Date): Date {
  const value = entry.Time;
  if (value === undefined || value === null) {
    return now;
  }
  let time: Date | undefined;
  if (value instanceof Date) {
    time = value;
  } else if (typeof value === 'number') {
    time = new Date(value * 1000);
  } else if (typeof value === 'string') {
    time = /^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  }
  if (!time || Number.isNaN(time.getTime())) {
    throw invalidArgument('Time', 'Time must be epoch seconds or an ISO 8601 timestamp.');
  }

  return time;
}

interface EntryContext {
  context: ServiceContext;
  buses: EventBusStore;
  newId: () => string;
  now: Date;
}

function buildEvent(value: unknown, entryContext: EntryContext): AcceptedEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EntryError('InvalidArgument', 'Each entry must be an object.');
  }
  const entry = value as ApiRequest;
  const source = readRequiredText(entry, 'Source');
  const detailType = readRequiredText(entry, 'DetailType');
  if (detailType.length > MAX_DETAIL_TYPE_LENGTH) {
    const reason = `DetailType is longer than ${MAX_DETAIL_TYPE_LENGTH} characters.`;
    throw invalidArgument('DetailType', reason);
  }
  const detail = readDetail(entry);
  const resources = readResources(entry);
  const time = readTime(entry, entryContext.now);
  const busName = typeof entry.EventBusName === 'string' ? entry.EventBusName : undefined;
  const bus = entryContext.buses.find(busName);
  if (!bus) {
    throw new EntryError('ResourceNotFoundException', `Event bus ${busName} does not exist.`);
  }
  const { region, accountId } = entryContext.context;
  const event: EventBridgeEvent = {
    version: '0',
    id: entryContext.newId(),
    'detail-type': detailType,
    source,
    account: accountId,
    time: formatEventTime(time),
    region,
    resources,
    detail,
  };

  return { bus, event };
}

/**
 * Validates a PutEvents request and builds its events. Invalid entries fail one by one,
 * while more than 10 entries or an oversized request fail the whole call.
 * NOTE: the API reference states that a call in which no entry has Source, DetailType and
 * Detail fails as a whole. Here each such entry fails on its own.
 */
export function putEvents(request: ApiRequest, entryContext: EntryContext): PutEventsResult {
  const entries = readArray(request, 'Entries', 1, 10);
  let totalBytes = 0;
  for (const entry of entries) {
    if (typeof entry === 'object' && entry !== null) {
      totalBytes += entrySize(entry as ApiRequest);
    }
  }
  if (totalBytes >= MAX_ENTRIES_BYTES) {
    throw validationError(
      `Total size of the entries in the request is over the limit: ${totalBytes} bytes, ` +
        `which must be less than ${MAX_ENTRIES_BYTES} bytes (1 MiB).`,
    );
  }
  const result: PutEventsResult = {
    response: { FailedEntryCount: 0, Entries: [] },
    accepted: [],
  };
  for (const entry of entries) {
    try {
      const accepted = buildEvent(entry, entryContext);
      result.accepted.push(accepted);
      result.response.Entries.push({ EventId: accepted.event.id });
    } catch (error) {
      if (!(error instanceof EntryError)) {
        throw error;
      }
      result.response.FailedEntryCount += 1;
      result.response.Entries.push({ ErrorCode: error.code, ErrorMessage: error.message });
    }
  }

  return result;
}
