import type { ArchiveSettings } from './archive-store';
import { toEpochSeconds } from './buses';
import { EventBridgeApiError, resourceNotFoundError, validationError } from './errors';
import { compilePattern } from './event-pattern';
import {
  NAME_PATTERN,
  readOptionalInteger,
  readOptionalString,
  readRequiredString,
} from './validate';
import type { ApiRequest, CompiledPattern, EventBridgeEvent, ServiceContext } from './types';

/** Pattern of EventSourceArn in the EventBridge API reference. */
const EVENT_BUS_ARN_PATTERN = /^arn:aws([a-z]|-)*:events:([a-z]|\d|-)*:([0-9]{12})?:.+\/.+$/;
const MAX_RETENTION_DAYS = 2_147_483_647;

/** An archive with the counters that DescribeArchive reports. */
export interface Archive {
  settings: ArchiveSettings;
  busName: string;
  compiledPattern?: CompiledPattern;
  eventCount: number;
  /** Sum of the UTF-8 sizes of the archived events' JSON. */
  sizeBytes: number;
}

/** Returns the size that SizeBytes counts for one event: the UTF-8 bytes of its JSON. */
export function archivedEventSize(event: EventBridgeEvent): number {
  return Buffer.byteLength(JSON.stringify(event), 'utf8');
}

export function archiveNotFoundError(name: string): EventBridgeApiError {
  return resourceNotFoundError(`Archive ${name} does not exist.`);
}

export function archiveExistsError(name: string): EventBridgeApiError {
  const message = `Archive ${name} already exists.`;

  return new EventBridgeApiError('ResourceAlreadyExistsException', message);
}

export function archiveArn(context: ServiceContext, name: string): string {
  return `arn:aws:events:${context.region}:${context.accountId}:archive/${name}`;
}

export function readArchiveName(request: ApiRequest): string {
  return readRequiredString(request, 'ArchiveName', { maxLength: 48, pattern: NAME_PATTERN });
}

/** Reads EventPattern and compiles it, to raise InvalidEventPatternException early. */
function readEventPattern(request: ApiRequest): string | undefined {
  const pattern = readOptionalString(request, 'EventPattern', { minLength: 1, maxLength: 4096 });
  if (pattern !== undefined) {
    compilePattern(pattern);
  }

  return pattern;
}

function readRetentionDays(request: ApiRequest): number | undefined {
  return readOptionalInteger(request, 'RetentionDays', 0, MAX_RETENTION_DAYS);
}

function readKmsKeyIdentifier(request: ApiRequest): string | undefined {
  return readOptionalString(request, 'KmsKeyIdentifier', { maxLength: 2048 });
}

/** Reads a CreateArchive request. The caller checks that the source bus exists. */
export function readCreateArchive(request: ApiRequest, context: ServiceContext): ArchiveSettings {
  const name = readArchiveName(request);
  const sourceArn = readRequiredString(request, 'EventSourceArn', { maxLength: 1600 });
  if (!EVENT_BUS_ARN_PATTERN.test(sourceArn)) {
    const message = `EventSourceArn "${sourceArn}" is not valid: it must be an event bus ARN.`;
    throw validationError(message);
  }

  return {
    name,
    arn: archiveArn(context, name),
    sourceArn,
    description: readOptionalString(request, 'Description', { maxLength: 512 }),
    eventPattern: readEventPattern(request),
    retentionDays: readRetentionDays(request) ?? 0,
    kmsKeyIdentifier: readKmsKeyIdentifier(request),
    creationTime: context.now().toISOString(),
  };
}

/** Returns the settings with the fields that an UpdateArchive request sets replaced. */
export function applyUpdateArchive(
  request: ApiRequest,
  settings: ArchiveSettings,
): ArchiveSettings {
  const description = readOptionalString(request, 'Description', { maxLength: 512 });

  return {
    ...settings,
    description: description ?? settings.description,
    eventPattern: readEventPattern(request) ?? settings.eventPattern,
    retentionDays: readRetentionDays(request) ?? settings.retentionDays,
    kmsKeyIdentifier: readKmsKeyIdentifier(request) ?? settings.kmsKeyIdentifier,
  };
}

/** Summarizes an archive as ListArchives returns it. DescribeArchive adds more fields. */
export function summarizeArchive(archive: Archive): Record<string, unknown> {
  const { settings } = archive;

  return {
    ArchiveName: settings.name,
    EventSourceArn: settings.sourceArn,
    State: 'ENABLED',
    RetentionDays: settings.retentionDays,
    SizeBytes: archive.sizeBytes,
    EventCount: archive.eventCount,
    CreationTime: toEpochSeconds(new Date(settings.creationTime)),
  };
}

/** Returns the response of CreateArchive and UpdateArchive. */
export function archiveStateResponse(settings: ArchiveSettings): Record<string, unknown> {
  return {
    ArchiveArn: settings.arn,
    State: 'ENABLED',
    CreationTime: toEpochSeconds(new Date(settings.creationTime)),
  };
}
