import { busNameFromParameter } from './arn';
import type { ArchivedEvent, ArchiveSettings, ArchiveStorage } from './archive-store';
import type { EventBusStore } from './buses';
import { toEpochSeconds } from './buses';
import { EventBridgeApiError, busNotFoundError, resourceNotFoundError, validationError } from './errors';
import { compilePattern } from './event-pattern';
import { matchesEventPattern } from './pattern/index';
import { paginate } from './pagination';
import { NAME_PATTERN, readOptionalInteger, readOptionalString, readRequiredString } from './validate';
import type { ApiRequest, CompiledPattern, EventBridgeEvent, EventBridgeLogger, ServiceContext } from './types';

/** Pattern of EventSourceArn in the EventBridge API reference. */
const EVENT_BUS_ARN_PATTERN = /^arn:aws([a-z]|-)*:events:([a-z]|\d|-)*:([0-9]{12})?:.+\/.+$/;
const DAY_MS = 86_400_000;

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

function summarizeArchive(archive: Archive): Record<string, unknown> {
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

function readArchiveName(request: ApiRequest): string {
  return readRequiredString(request, 'ArchiveName', { maxLength: 48, pattern: NAME_PATTERN });
}

function readEventPattern(request: ApiRequest): string | undefined {
  return readOptionalString(request, 'EventPattern', { minLength: 1, maxLength: 4096 });
}

function isExpired(record: ArchivedEvent, retentionDays: number, now: Date): boolean {
  return retentionDays > 0 && now.getTime() - Date.parse(record.archivedAt) > retentionDays * DAY_MS;
}

/**
 * Archive operations (CreateArchive, DescribeArchive, ListArchives, UpdateArchive,
 * DeleteArchive) and the recording of accepted events. Archives are ENABLED as soon as
 * they are created, and an event counts in EventCount as soon as PutEvents accepts it.
 * NOTE: AWS takes a while before a new archive receives events and updates EventCount
 * and SizeBytes with a delay. The exact measure behind AWS's SizeBytes is not documented.
 */
export class ArchiveOperations {
  private readonly archives = new Map<string, Archive>();

  constructor(
    private readonly context: ServiceContext,
    private readonly buses: EventBusStore,
    private readonly storage: ArchiveStorage,
    private readonly logger: EventBridgeLogger,
  ) {
    for (const settings of storage.loadSettings()) {
      this.load(settings);
    }
  }

  /** Returns the archive with this name or ARN, or throws ResourceNotFoundException. */
  get(nameOrArn: string): Archive {
    const prefix = `arn:aws:events:${this.context.region}:${this.context.accountId}:archive/`;
    const name = nameOrArn.startsWith(prefix) ? nameOrArn.slice(prefix.length) : nameOrArn;
    const archive = this.archives.get(name);
    if (!archive) {
      throw archiveNotFoundError(name);
    }

    return archive;
  }

  /** Returns the archive's events that are still within its retention period. */
  readEvents(archive: Archive): ArchivedEvent[] {
    const now = this.context.now();
    const retentionDays = archive.settings.retentionDays;

    return this.storage
      .readEvents(archive.settings.name)
      .filter((record) => !isExpired(record, retentionDays, now));
  }

  /** Appends an accepted event to each archive of its bus whose pattern matches it. */
  record(busName: string, event: EventBridgeEvent, acceptedAt: Date): void {
    for (const archive of this.archives.values()) {
      if (archive.busName !== busName) {
        continue;
      }
      if (archive.compiledPattern && !matchesEventPattern(archive.compiledPattern, event)) {
        continue;
      }
      try {
        this.storage.append(archive.settings.name, { archivedAt: acceptedAt.toISOString(), event });
        archive.eventCount += 1;
        archive.sizeBytes += archivedEventSize(event);
      } catch (error) {
        const fields = { archive: archive.settings.name, eventId: event.id, error };
        this.logger.error('Archiving an event failed, event delivered but not archived', fields);
      }
    }
  }

  createArchive(request: ApiRequest): unknown {
    const name = readArchiveName(request);
    const sourceArn = readRequiredString(request, 'EventSourceArn', { maxLength: 1600 });
    if (!EVENT_BUS_ARN_PATTERN.test(sourceArn)) {
      throw validationError(`EventSourceArn "${sourceArn}" is not valid: it must be an event bus ARN.`);
    }
    if (!this.buses.find(sourceArn)) {
      throw busNotFoundError(busNameFromParameter(this.context, sourceArn));
    }
    if (this.archives.has(name)) {
      throw new EventBridgeApiError('ResourceAlreadyExistsException', `Archive ${name} already exists.`);
    }
    const eventPattern = readEventPattern(request);
    if (eventPattern !== undefined) {
      compilePattern(eventPattern);
    }
    const settings: ArchiveSettings = {
      name,
      arn: `arn:aws:events:${this.context.region}:${this.context.accountId}:archive/${name}`,
      sourceArn,
      description: readOptionalString(request, 'Description', { maxLength: 512 }),
      eventPattern,
      retentionDays: readOptionalInteger(request, 'RetentionDays', 0, 2_147_483_647) ?? 0,
      kmsKeyIdentifier: readOptionalString(request, 'KmsKeyIdentifier', { maxLength: 2048 }),
      creationTime: this.context.now().toISOString(),
    };
    this.storage.saveSettings(settings);
    this.load(settings);

    return this.stateResponse(settings);
  }

  describeArchive(request: ApiRequest): unknown {
    const archive = this.get(readArchiveName(request));
    const { settings } = archive;

    return {
      ...summarizeArchive(archive),
      ArchiveArn: settings.arn,
      Description: settings.description,
      EventPattern: settings.eventPattern,
      KmsKeyIdentifier: settings.kmsKeyIdentifier,
    };
  }

  listArchives(request: ApiRequest): unknown {
    const prefix = readOptionalString(request, 'NamePrefix', { maxLength: 48 }) ?? '';
    const sourceArn = readOptionalString(request, 'EventSourceArn', { maxLength: 1600 });
    const state = readOptionalString(request, 'State');
    const matching = [...this.archives.values()]
      .filter((archive) => archive.settings.name.startsWith(prefix))
      .filter((archive) => sourceArn === undefined || archive.settings.sourceArn === sourceArn)
      .filter(() => state === undefined || state === 'ENABLED')
      .sort((a, b) => a.settings.name.localeCompare(b.settings.name));
    const page = paginate(matching, request);

    return { Archives: page.items.map(summarizeArchive), NextToken: page.nextToken };
  }

  /** Changes description, pattern, retention or key. The source bus and the events stay. */
  updateArchive(request: ApiRequest): unknown {
    const archive = this.get(readArchiveName(request));
    const eventPattern = readEventPattern(request);
    const settings: ArchiveSettings = { ...archive.settings };
    if (eventPattern !== undefined) {
      compilePattern(eventPattern);
      settings.eventPattern = eventPattern;
    }
    settings.description = readOptionalString(request, 'Description', { maxLength: 512 }) ?? settings.description;
    settings.retentionDays = readOptionalInteger(request, 'RetentionDays', 0, 2_147_483_647) ?? settings.retentionDays;
    settings.kmsKeyIdentifier =
      readOptionalString(request, 'KmsKeyIdentifier', { maxLength: 2048 }) ?? settings.kmsKeyIdentifier;
    this.storage.saveSettings(settings);
    archive.settings = settings;
    archive.compiledPattern = settings.eventPattern ? compilePattern(settings.eventPattern) : undefined;

    return this.stateResponse(settings);
  }

  deleteArchive(request: ApiRequest): unknown {
    const archive = this.get(readArchiveName(request));
    this.storage.delete(archive.settings.name);
    this.archives.delete(archive.settings.name);

    return {};
  }

  private stateResponse(settings: ArchiveSettings): Record<string, unknown> {
    return {
      ArchiveArn: settings.arn,
      State: 'ENABLED',
      CreationTime: toEpochSeconds(new Date(settings.creationTime)),
    };
  }

  /**
   * Adds an archive and counts its events. Events past the retention period are removed
   * from the file here, so retention applies when the service starts; replays skip them
   * in between.
   */
  private load(settings: ArchiveSettings): void {
    const records = this.storage.readEvents(settings.name);
    const kept = records.filter((record) => !isExpired(record, settings.retentionDays, this.context.now()));
    if (kept.length < records.length) {
      this.storage.replaceEvents(settings.name, kept);
    }
    this.archives.set(settings.name, {
      settings,
      busName: busNameFromParameter(this.context, settings.sourceArn),
      compiledPattern: settings.eventPattern ? compilePattern(settings.eventPattern) : undefined,
      eventCount: kept.length,
      sizeBytes: kept.reduce((sum, record) => sum + archivedEventSize(record.event), 0),
    });
  }
}
