import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import {
  PROJECTIONS,
  type ProjectionName,
  rebuildProjection,
  renderProgress,
  stageTables,
} from './rebuild-views';

const USAGE =
  'Usage: npm run rebuild -- <orders|customer-orders|stock> [--stage dev]\n' +
  'Rebuilds one view from the event store of the stage. The AWS SDK reads the region,\n' +
  'the credentials and AWS_ENDPOINT_URL (for the local stack) from the environment.\n';

/** Writes the progress bar to stderr: redrawn in place on a terminal, every 10% elsewhere. */
function stderrProgress(label: string) {
  let lastTenth = -1;

  return (done: number, total: number) => {
    const line = renderProgress(label, done, total);
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
      return;
    }
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      process.stderr.write(`${line}\n`);
    }
  };
}

function readProjectionName(value: string | undefined): ProjectionName {
  if (value === undefined || !(PROJECTIONS as readonly string[]).includes(value)) {
    const expected = PROJECTIONS.join(', ');
    throw new Error(`Invalid projection "${value ?? ''}": expected one of ${expected}.\n${USAGE}`);
  }

  return value as ProjectionName;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { stage: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (positionals.length > 1) {
    throw new Error(`Unexpected arguments "${positionals.slice(1).join(' ')}": name one projection.\n${USAGE}`);
  }
  const name = readProjectionName(positionals[0]);
  const stage = values.stage ?? process.env.STAGE ?? 'dev';
  const tables = stageTables(stage);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const startedAt = performance.now();
  const summary = await rebuildProjection(name, client, tables, stderrProgress(name)).catch((error: unknown) => {
    if ((error as Error).name === 'ResourceNotFoundException') {
      const names = Object.values(tables).join(', ');
      throw new Error(`A table of stage "${stage}" was not found (${names}). Check --stage and AWS_ENDPOINT_URL.`, {
        cause: error,
      });
    }
    throw error;
  });
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  process.stdout.write(
    `Rebuilt ${name} of stage ${stage}: ${summary.written} items from ` +
      `${summary.events} events in ${summary.streams} streams, in ${seconds} s.\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`Rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
