import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { EventBridgeService } from '../local/eventbridge/service';
import type { EventBridgeLogger, SqsTargetSender } from '../local/eventbridge/types';
import type { BenchResult } from './pattern-matching';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const BUS_NAME = 'bench-bus';
const EVENT_COUNT = 10_000;
const ENTRIES_PER_CALL = 10;

const quietLogger: EventBridgeLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** Target sender that only counts, so the figure measures the replay and not a queue. */
function countingSender(): SqsTargetSender & { count: number } {
  const sender = {
    count: 0,
    send: async () => {
      sender.count += 1;
    },
  };

  return sender;
}

async function call(service: EventBridgeService, operation: string, request: object) {
  return (await service.handle(operation, request)) as Record<string, string>;
}

async function archiveEvents(service: EventBridgeService, start: Date): Promise<void> {
  for (let offset = 0; offset < EVENT_COUNT; offset += ENTRIES_PER_CALL) {
    const entries = Array.from({ length: ENTRIES_PER_CALL }, (_, index) => ({
      EventBusName: BUS_NAME,
      Source: 'bench.replay',
      DetailType: 'Probe',
      Detail: JSON.stringify({ n: offset + index, sku: 'SKU-MUG', quantity: 2 }),
      Time: start.getTime() / 1000 + (offset + index) / 100,
    }));
    await service.handle('PutEvents', { Entries: entries });
  }
}

/** Creates the bus and its archive, archives the events, then adds one rule with a target. */
async function prepare(service: EventBridgeService, start: Date) {
  const { EventBusArn: busArn = '' } = await call(service, 'CreateEventBus', { Name: BUS_NAME });
  const archiveRequest = { ArchiveName: 'bench', EventSourceArn: busArn };
  const { ArchiveArn: archiveArn = '' } = await call(service, 'CreateArchive', archiveRequest);
  await archiveEvents(service, start);
  const pattern = JSON.stringify({ source: ['bench.replay'] });
  await call(service, 'PutRule', { Name: 'all', EventBusName: BUS_NAME, EventPattern: pattern });
  const target = { Id: 'queue', Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:bench` };
  await call(service, 'PutTargets', { Rule: 'all', EventBusName: BUS_NAME, Targets: [target] });

  return { busArn, archiveArn };
}

async function waitForEnd(service: EventBridgeService, name: string): Promise<string> {
  for (;;) {
    const { State: state = '' } = await call(service, 'DescribeReplay', { ReplayName: name });
    if (!['STARTING', 'RUNNING', 'CANCELLING'].includes(state)) {
      return state;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Measures how many archived events per second a replay puts back on the bus and hands to
 * one SQS target of one rule. The 10,000 events are archived on disk in a temporary folder
 * before the clock starts, and the target only counts.
 */
export async function benchReplay(): Promise<BenchResult[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-replay-'));
  const sqs = countingSender();
  const options = { region: REGION, accountId: ACCOUNT, sqs, logger: quietLogger, dataDir };
  const service = new EventBridgeService(options);
  try {
    // Event times have whole seconds, so the window starts on a whole second.
    const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const { busArn, archiveArn } = await prepare(service, start);

    const startedAt = performance.now();
    await call(service, 'StartReplay', {
      ReplayName: 'bench',
      EventSourceArn: archiveArn,
      EventStartTime: start.getTime() / 1000,
      EventEndTime: Date.now() / 1000,
      Destination: { Arn: busArn },
    });
    const state = await waitForEnd(service, 'bench');
    const seconds = (performance.now() - startedAt) / 1000;
    if (state !== 'COMPLETED' || sqs.count !== EVENT_COUNT) {
      const delivered = `${sqs.count} of ${EVENT_COUNT} events`;
      throw new Error(`Replay ended ${state} after delivering ${delivered}.`);
    }
    const rate = Math.round(EVENT_COUNT / seconds);

    return [{ name: 'replay of 10,000 archived events', value: rate, unit: 'events/s' }];
  } finally {
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (invokedDirectly) {
  const results = await benchReplay();
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
