import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Sequence numbers of the last stream records each event source mapping finished, by
 * mapping and shard. A poller that starts again resumes after them, as AWS's mappings do,
 * instead of delivering the whole stream once more.
 */
export interface StreamCheckpoints {
  get(key: string): string | undefined;
  set(key: string, sequenceNumber: string): void;
}

export function checkpointKey(functionName: string, tableName: string, shardId: string): string {
  return `${functionName}|${tableName}|${shardId}`;
}

export class MemoryCheckpoints implements StreamCheckpoints {
  private readonly positions = new Map<string, string>();

  get(key: string): string | undefined {
    return this.positions.get(key);
  }

  set(key: string, sequenceNumber: string): void {
    this.positions.set(key, sequenceNumber);
  }
}

/** Checkpoints kept in one JSON file, rewritten through a temporary file on each change. */
export class FileCheckpoints implements StreamCheckpoints {
  private readonly positions: Record<string, string>;

  constructor(private readonly path: string) {
    this.positions = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
  }

  get(key: string): string | undefined {
    return this.positions[key];
  }

  set(key: string, sequenceNumber: string): void {
    this.positions[key] = sequenceNumber;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, `${JSON.stringify(this.positions, null, 2)}\n`);
    renameSync(`${this.path}.tmp`, this.path);
  }
}
