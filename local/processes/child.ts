import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

import type { Logger } from '../log';

/** A child process started in its own process group, so that stopping it ends its children too. */
export interface ManagedChild {
  process: ChildProcess;
  exited: Promise<number | null>;
  stop(graceMs?: number): Promise<void>;
}

export function startChild(
  command: string,
  args: string[],
  options: SpawnOptions & { logger: Logger; onLine?: (line: string) => void },
): ManagedChild {
  const { logger, onLine, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      logger.debug('process exited', { pid: child.pid, code, signal });
      resolve(code);
    });
    child.once('error', (error) => {
      logger.error('process failed to start', { command, error });
      resolve(null);
    });
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) {
      createInterface({ input: stream }).on('line', (line) => (onLine ? onLine(line) : logger.debug(line)));
    }
  }

  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) {
      return;
    }
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };

  // A parent that exits without stopping its children (process.exit, an uncaught error) still
  // ends them, so no DynamoDB Local or serverless-offline is left behind.
  const killOnExit = () => signalGroup('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  return {
    process: child,
    exited,
    async stop(graceMs = 5_000) {
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
