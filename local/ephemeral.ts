import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readLocalConfig, type LocalConfig } from './config';
import { findFreePort } from './processes/ports';

/**
 * Builds the configuration of a throwaway stack for tests and benchmarks: free ports, its
 * own stage, and a new data folder that the caller removes when done.
 */
export async function ephemeralConfig(stage: string): Promise<LocalConfig> {
  return {
    ...readLocalConfig(),
    dataDir: await mkdtemp(join(tmpdir(), `shop-${stage}-data-`)),
    awsPort: await findFreePort(),
    httpPort: await findFreePort(),
    lambdaPort: await findFreePort(),
    stage,
    persistTables: false,
  };
}
