import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import type { EventBridgeEvent } from './types';

/** Settings of one archive, as its metadata file stores them. */
export interface ArchiveSettings {
  name: string;
  arn: string;
  /** ARN of the source event bus. */
  sourceArn: string;
  description?: string;
  eventPattern?: string;
  /** Days to keep events. 0 keeps them indefinitely. */
  retentionDays: number;
  kmsKeyIdentifier?: string;
  /** ISO 8601 time of CreateArchive. */
  creationTime: string;
}

/** One line of an archive's event file. */
export interface ArchivedEvent {
  /** ISO 8601 time at which the bus accepted the event. */
  archivedAt: string;
  event: EventBridgeEvent;
}

/** Storage of the archives' settings and events. */
export interface ArchiveStorage {
  loadSettings(): ArchiveSettings[];
  saveSettings(settings: ArchiveSettings): void;
  append(name: string, record: ArchivedEvent): void;
  readEvents(name: string): ArchivedEvent[];
  replaceEvents(name: string, records: readonly ArchivedEvent[]): void;
  delete(name: string): void;
}

function parseLines(text: string): { records: ArchivedEvent[]; skipped: number } {
  const records: ArchivedEvent[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    try {
      records.push(JSON.parse(line) as ArchivedEvent);
    } catch {
      // A line cut short by a crash during an append is skipped, like a lost event.
      skipped += 1;
    }
  }

  return { records, skipped };
}

function toLines(records: readonly ArchivedEvent[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

/**
 * Archives on disk under `<dataDir>/archives`: `<name>.json` stores the settings and
 * `<name>.jsonl` the archived events, one JSON object a line, append-only. Archive names
 * match `[.\-_A-Za-z0-9]+`, so a name never contains a path separator.
 */
export class ArchiveFileStorage implements ArchiveStorage {
  private readonly folder: string;

  constructor(
    dataDir: string,
    private readonly warn: (message: string, fields: Record<string, unknown>) => void = () => undefined,
  ) {
    this.folder = join(dataDir, 'archives');
  }

  loadSettings(): ArchiveSettings[] {
    if (!existsSync(this.folder)) {
      return [];
    }

    return readdirSync(this.folder)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(this.folder, file), 'utf8')) as ArchiveSettings);
  }

  /** Writes the settings to a temporary file and renames it, so a crash leaves no half file. */
  saveSettings(settings: ArchiveSettings): void {
    mkdirSync(this.folder, { recursive: true });
    const path = this.path(settings.name, '.json');
    writeFileSync(`${path}.tmp`, `${JSON.stringify(settings, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  }

  append(name: string, record: ArchivedEvent): void {
    appendFileSync(this.path(name, '.jsonl'), `${JSON.stringify(record)}\n`);
  }

  /**
   * Reads an archive's events. A file with lines that do not parse, such as a last line cut
   * short by a crash, is rewritten without them, so the next append starts a line of its own.
   */
  readEvents(name: string): ArchivedEvent[] {
    const path = this.path(name, '.jsonl');
    if (!existsSync(path)) {
      return [];
    }
    const text = readFileSync(path, 'utf8');
    const { records, skipped } = parseLines(text);
    if (skipped > 0 || (text !== '' && !text.endsWith('\n'))) {
      this.warn('archive lines skipped and file repaired', { archive: name, skipped });
      this.replaceEvents(name, records);
    }

    return records;
  }

  replaceEvents(name: string, records: readonly ArchivedEvent[]): void {
    const path = this.path(name, '.jsonl');
    writeFileSync(`${path}.tmp`, toLines(records));
    renameSync(`${path}.tmp`, path);
  }

  delete(name: string): void {
    rmSync(this.path(name, '.json'), { force: true });
    rmSync(this.path(name, '.jsonl'), { force: true });
  }

  private path(name: string, extension: string): string {
    return join(this.folder, `${name}${extension}`);
  }
}

/** Archives kept in memory only, for services created without a data folder. */
export class ArchiveMemoryStorage implements ArchiveStorage {
  private readonly settings = new Map<string, ArchiveSettings>();
  private readonly events = new Map<string, ArchivedEvent[]>();

  loadSettings(): ArchiveSettings[] {
    return [...this.settings.values()];
  }

  saveSettings(settings: ArchiveSettings): void {
    this.settings.set(settings.name, structuredClone(settings));
  }

  append(name: string, record: ArchivedEvent): void {
    const records = this.events.get(name) ?? [];
    records.push(structuredClone(record));
    this.events.set(name, records);
  }

  readEvents(name: string): ArchivedEvent[] {
    return structuredClone(this.events.get(name) ?? []);
  }

  replaceEvents(name: string, records: readonly ArchivedEvent[]): void {
    this.events.set(name, structuredClone([...records]));
  }

  delete(name: string): void {
    this.settings.delete(name);
    this.events.delete(name);
  }
}
