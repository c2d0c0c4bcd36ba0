import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

import { ephemeralConfig } from '../../local/ephemeral';
import { createLogger } from '../../local/log';
import { localAwsEnvironment, startLocalStack, type LocalStack } from '../../local/stack';
import { seedCatalog } from '../../local/seed';

declare module 'vitest' {
  export interface ProvidedContext {
    awsEndpoint: string;
    httpUrl: string;
    lambdaEndpoint: string;
    templatePath: string;
    region: string;
    /** Absolute data folder of the local runtime, which keeps the archives. */
    dataDir: string;
  }
}

const serviceDir = fileURLToPath(new URL('../..', import.meta.url));

let stack: LocalStack | undefined;
let dataDir: string | undefined;

/** Starts the whole local stack once for the integration and end-to-end tests, on free ports. */
export async function setup(project: TestProject): Promise<void> {
  const logDir = `${serviceDir}.local-data/logs`;
  await mkdir(logDir, { recursive: true });
  const functionLog = createWriteStream(`${logDir}/functions.log`, { flags: 'w' });
  // A fresh data folder per run, so archives of earlier runs never reach these tests.
  const config = await ephemeralConfig('test');
  dataDir = config.dataDir;
  stack = await startLocalStack({
    config,
    serviceDir,
    logger: createLogger('test-stack', 30),
    seed: (resources, endpoint) => seedCatalog(resources, endpoint, config.region),
    onFunctionOutput: (line) => functionLog.write(`${line}\n`),
  });
  Object.assign(process.env, localAwsEnvironment(stack.endpoint, config.region));
  project.provide('awsEndpoint', stack.endpoint);
  project.provide('httpUrl', stack.httpUrl);
  project.provide('lambdaEndpoint', `http://127.0.0.1:${config.lambdaPort}`);
  project.provide('region', config.region);
  project.provide('templatePath', stack.templatePath);
  project.provide('dataDir', resolve(config.dataDir));
}

export async function teardown(): Promise<void> {
  await stack?.stop();
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
}
