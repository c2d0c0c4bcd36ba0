import { fileURLToPath } from 'node:url';

import { readLocalConfig } from './config';
import { createLogger } from './log';
import { seedCatalog } from './seed';
import { startLocalStack } from './stack';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = readLocalConfig();
  const logger = createLogger('local');
  const stack = await startLocalStack({
    config,
    serviceDir,
    logger,
    seed: (resources, endpoint) => seedCatalog(resources, endpoint, config.region),
    onFunctionOutput: (line) => process.stdout.write(`${line}\n`),
  });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  process.stdout.write(
    [
      '',
      `Local shop ready in ${seconds} s.`,
      `  HTTP API      ${stack.httpUrl}   (try: curl ${stack.httpUrl}/products)`,
      `  AWS endpoint  ${stack.endpoint}   (export AWS_ENDPOINT_URL=${stack.endpoint})`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info('stopping', { signal });
    stack.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Local start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
