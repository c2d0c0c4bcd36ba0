import { validationError } from './errors';
import { NAME_PATTERN, readArray, readOptionalString, readRequiredString } from './validate';
import type { ApiRequest } from './types';

/** The fields of a StartReplay request, read and checked on their own. */
export interface StartReplayRequest {
  name: string;
  description?: string;
  /** ARN or name of the archive. */
  sourceArn: string;
  eventStartTime: Date;
  eventEndTime: Date;
  destinationArn: string;
  filterArns?: string[];
}

/** Reads a timestamp that the AWS JSON protocol sends as epoch seconds, or ISO 8601 text. */
function readTimestamp(request: ApiRequest, field: string): Date {
  const value = request[field];
  let time: Date | undefined;
  if (typeof value === 'number') {
    time = new Date(value * 1000);
  } else if (typeof value === 'string') {
    time = /^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  }
  if (time === undefined) {
    throw validationError(`${field} is required and must be a timestamp.`);
  }
  if (Number.isNaN(time.getTime())) {
    throw validationError(`${field} "${String(value)}" is not a valid timestamp.`);
  }

  return time;
}

export function readReplayName(request: ApiRequest): string {
  return readRequiredString(request, 'ReplayName', { maxLength: 64, pattern: NAME_PATTERN });
}

function readFilterArns(destination: ApiRequest): string[] | undefined {
  if (destination.FilterArns === undefined || destination.FilterArns === null) {
    return undefined;
  }
  const arns = readArray(destination, 'FilterArns', 0, 100);
  if (arns.some((arn) => typeof arn !== 'string')) {
    throw validationError('Destination.FilterArns must be a list of rule ARNs.');
  }

  return arns as string[];
}

/**
 * Checks that the window is not empty and ends by `now`.
 * NOTE: the API reference documents neither check. Rejecting a future EventEndTime is an
 * assumption, and the messages follow the reference's usual "Parameter X is not valid" form.
 */
function checkWindow(start: Date, end: Date, now: Date): void {
  if (end.getTime() <= start.getTime()) {
    const reason = 'EventEndTime must be after EventStartTime.';
    throw validationError(`Parameter EventEndTime is not valid. Reason: ${reason}`);
  }
  if (end.getTime() > now.getTime()) {
    const reason = `EventEndTime ${end.toISOString()} is in the future. Use a time up to now.`;
    throw validationError(`Parameter EventEndTime is not valid. Reason: ${reason}`);
  }
}

/** Reads a StartReplay request. The caller checks the archive, bus and rules it names. */
export function readStartReplay(request: ApiRequest, now: Date): StartReplayRequest {
  const name = readReplayName(request);
  const description = readOptionalString(request, 'Description', { maxLength: 512 });
  const sourceArn = readRequiredString(request, 'EventSourceArn', { maxLength: 1600 });
  const eventStartTime = readTimestamp(request, 'EventStartTime');
  const eventEndTime = readTimestamp(request, 'EventEndTime');
  const destination = request.Destination;
  if (typeof destination !== 'object' || destination === null || Array.isArray(destination)) {
    throw validationError('Destination is required and must be an object with an Arn.');
  }
  const destinationRequest = destination as ApiRequest;
  const destinationArn = readRequiredString(destinationRequest, 'Arn', { maxLength: 1600 });
  checkWindow(eventStartTime, eventEndTime, now);

  return {
    name,
    description,
    sourceArn,
    eventStartTime,
    eventEndTime,
    destinationArn,
    filterArns: readFilterArns(destinationRequest),
  };
}
