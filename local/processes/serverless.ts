import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { Logger } from '../log';
import { startChild, type ManagedChild } from './child';
import { waitForPort } from './ports';

function oslsBin(): string {
  const require = createRequire(import.meta.url);

  return join(dirname(require.resolve('osls/package.json')), 'bin', 'serverless.js');
}

/**
 * Runs `osls package` into `outputDir`, so that the CloudFormation template the runtime
 * reads is current.
 */
export async function packageService(
  cwd: string,
  stage: string,
  outputDir: string,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<void> {
  const output: string[] = [];
  const child = startChild(process.execPath, [oslsBin(), 'package', '--stage', stage, '--package', outputDir], {
    cwd,
    env,
    logger,
    onLine: (line) => output.push(line),
  });
  const code = await child.exited;
  if (code !== 0) {
    throw new Error(`osls package failed with code ${code}:\n${output.join('\n')}`);
  }
}

export interface OfflineOptions {
  cwd: string;
  stage: string;
  httpPort: number;
  lambdaPort: number;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Receives each line that serverless-offline and the handlers print. */
  onLine: (line: string) => void;
}

/** Starts serverless-offline (HTTP API and Lambda Invoke API) and waits for both ports. */
export async function startOffline(options: OfflineOptions): Promise<ManagedChild> {
  const child = startChild(
    process.execPath,
    [oslsBin(), 'offline', 'start', '--stage', options.stage],
    {
      cwd: options.cwd,
      env: { ...options.env, HTTP_PORT: String(options.httpPort), LAMBDA_PORT: String(options.lambdaPort) },
      logger: options.logger,
      onLine: options.onLine,
    },
  );
  const ready = Promise.all([
    waitForPort(options.httpPort, 'the HTTP API', 60_000),
    waitForPort(options.lambdaPort, 'the Lambda Invoke API', 60_000),
  ]);
  await Promise.race([
    ready,
    child.exited.then((code) => {
      throw new Error(`serverless-offline exited with code ${code} before it was ready.`);
    }),
  ]);

  return child;
}
