import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { EventBridgeService } from '../local/eventbridge/service';
import { createSqsTargetSender } from '../local/eventbridge/sqs-sender';
import { startSqsServer } from '../local/processes/fauxqs';
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
async function prepare(service: EventBridgeService, start: Date, targetArn: string) {
  const { EventBusArn: busArn = '' } = await call(service, 'CreateEventBus', { Name: BUS_NAME });
  const archiveRequest = { ArchiveName: 'bench', EventSourceArn: busArn };
  const { ArchiveArn: archiveArn = '' } = await call(service, 'CreateArchive', archiveRequest);
  await archiveEvents(service, start);
  const pattern = JSON.stringify({ source: ['bench.replay'] });
  await call(service, 'PutRule', { Name: 'all', EventBusName: BUS_NAME, EventPattern: pattern });
  const target = { Id: 'queue', Arn: targetArn };
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
 * Archives the events in a temporary data folder, then returns the events per second of
 * one replay of them to the target, from StartReplay until the replay is COMPLETED.
 */
async function measureReplay(
  sqs: SqsTargetSender,
  targetArn: string,
  countDelivered: () => Promise<number>,
): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-replay-'));
  const options = { region: REGION, accountId: ACCOUNT, sqs, logger: quietLogger, dataDir };
  const service = new EventBridgeService(options);
  try {
    // Event times have whole seconds, so the window starts on a whole second.
    const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const { busArn, archiveArn } = await prepare(service, start, targetArn);

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
    const delivered = await countDelivered();
    if (state !== 'COMPLETED' || delivered !== EVENT_COUNT) {
      const outcome = `${state} after delivering ${delivered} of ${EVENT_COUNT} events`;
      throw new Error(`Replay ended ${outcome}.`);
    }

    return Math.round(EVENT_COUNT / seconds);
  } finally {
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Replays to a fauxqs queue on 127.0.0.1, as the local runtime delivers to SQS. */
async function measureReplayToFauxqs(): Promise<number> {
  const server = await startSqsServer(0);
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const endpoint = `http://127.0.0.1:${server.port}`;
  const client = new SQSClient({ region: REGION, endpoint, credentials });
  try {
    const { QueueUrl: queueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'bench' }));
    const countDelivered = async () => {
      const attributeNames = ['ApproximateNumberOfMessages' as const];
      const request = { QueueUrl: queueUrl, AttributeNames: attributeNames };
      const { Attributes } = await client.send(new GetQueueAttributesCommand(request));

      return Number(Attributes?.ApproximateNumberOfMessages);
    };
    const sender = createSqsTargetSender(client, ACCOUNT);

    return await measureReplay(sender, `arn:aws:sqs:${REGION}:${ACCOUNT}:bench`, countDelivered);
  } finally {
    client.destroy();
    await server.stop();
  }
}

/**
 * Measures how many archived events per second a replay of 10,000 events puts back on the
 * bus and hands to one SQS target of one rule. A target that only counts measures the
 * replay itself. A fauxqs queue adds one SQS SendMessage call per event.
 */
export async function benchReplay(): Promise<BenchResult[]> {
  const counting = countingSender();
  const countingRate = await measureReplay(
    counting,
    `arn:aws:sqs:${REGION}:${ACCOUNT}:bench`,
    async () => counting.count,
  );
  const fauxqsRate = await measureReplayToFauxqs();

  const name = 'replay of 10,000 archived events';

  return [
    { name: `${name}, counting target`, value: countingRate, unit: 'events/s' },
    { name: `${name}, fauxqs queue`, value: fauxqsRate, unit: 'events/s' },
  ];
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (invokedDirectly) {
  const results = await benchReplay();
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
