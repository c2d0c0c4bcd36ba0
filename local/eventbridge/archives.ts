import { busNameFromParameter } from './arn';
import {
  applyUpdateArchive,
  archiveExistsError,
  archiveNotFoundError,
  archiveStateResponse,
  archivedEventSize,
  readArchiveName,
  readCreateArchive,
  summarizeArchive,
} from './archive-settings';
import type { Archive } from './archive-settings';
import type { ArchivedEvent, ArchiveSettings, ArchiveStorage } from './archive-store';
import type { EventBusStore } from './buses';
import { busNotFoundError } from './errors';
import { compilePattern } from './event-pattern';
import { matchesEventPattern } from './pattern/index';
import { paginate } from './pagination';
import { readOptionalString } from './validate';
import type {
  ApiRequest,
  CompiledPattern,
  EventBridgeEvent,
  EventBridgeLogger,
  ServiceContext,
} from './types';

export type { Archive } from './archive-settings';

const DAY_MS = 86_400_000;

function compileArchivePattern(settings: ArchiveSettings): CompiledPattern | undefined {
  return settings.eventPattern === undefined ? undefined : compilePattern(settings.eventPattern);
}

function isExpired(record: ArchivedEvent, retentionDays: number, now: Date): boolean {
  const ageMs = now.getTime() - Date.parse(record.archivedAt);

  return retentionDays > 0 && ageMs > retentionDays * DAY_MS;
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
    const { region, accountId } = this.context;
    const prefix = `arn:aws:events:${region}:${accountId}:archive/`;
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
        const record = { archivedAt: acceptedAt.toISOString(), event };
        this.storage.append(archive.settings.name, record);
        archive.eventCount += 1;
        archive.sizeBytes += archivedEventSize(event);
      } catch (error) {
        const fields = { archive: archive.settings.name, eventId: event.id, error };
        this.logger.error('Archiving an event failed, event delivered but not archived', fields);
      }
    }
  }

  createArchive(request: ApiRequest): unknown {
    const settings = readCreateArchive(request, this.context);
    if (!this.buses.find(settings.sourceArn)) {
      throw busNotFoundError(busNameFromParameter(this.context, settings.sourceArn));
    }
    if (this.archives.has(settings.name)) {
      throw archiveExistsError(settings.name);
    }
    this.storage.saveSettings(settings);
    this.load(settings);

    return archiveStateResponse(settings);
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
    const settings = applyUpdateArchive(request, archive.settings);
    this.storage.saveSettings(settings);
    archive.settings = settings;
    archive.compiledPattern = compileArchivePattern(settings);

    return archiveStateResponse(settings);
  }

  deleteArchive(request: ApiRequest): unknown {
    const archive = this.get(readArchiveName(request));
    this.storage.delete(archive.settings.name);
    this.archives.delete(archive.settings.name);

    return {};
  }

  /**
   * Adds an archive and counts its events. Events past the retention period are removed
   * from storage here, so retention applies when the service starts or the archive is
   * created. Replays skip expired events in between.
   */
  private load(settings: ArchiveSettings): void {
    const now = this.context.now();
    const records = this.storage.readEvents(settings.name);
    const retained = records.filter((record) => !isExpired(record, settings.retentionDays, now));
    if (retained.length < records.length) {
      this.storage.replaceEvents(settings.name, retained);
    }
    this.archives.set(settings.name, {
      settings,
      busName: busNameFromParameter(this.context, settings.sourceArn),
      compiledPattern: compileArchivePattern(settings),
      eventCount: retained.length,
      sizeBytes: retained.reduce((sum, record) => sum + archivedEventSize(record.event), 0),
    });
  }
}
