import { appendFileSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  ACCOUNT,
  FakeClock,
  REGION,
  addQueueRule,
  apiError,
  createHarness,
  orderEntry,
} from './eventbridge-service-fixtures';
import type { ServiceHarness } from './eventbridge-service-fixtures';

const BUS_ARN = `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`;
const ARCHIVE_ARN = `arn:aws:events:${REGION}:${ACCOUNT}:archive/orders`;

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'eventbridge-archives-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function archiveTwoEvents(harness: ServiceHarness, retentionDays = 0): Promise<void> {
  const request = { ArchiveName: 'orders', EventSourceArn: BUS_ARN, RetentionDays: retentionDays };
  await harness.call('CreateArchive', request);
  await harness.call('PutEvents', { Entries: [orderEntry(), orderEntry()] });
}

/** Starts a replay of the last hour of the `orders` archive onto the default bus. */
async function startReplay(harness: ServiceHarness, name: string): Promise<void> {
  const now = harness.clock.now().getTime() / 1000;
  await harness.call('StartReplay', {
    ReplayName: name,
    EventSourceArn: ARCHIVE_ARN,
    EventStartTime: now - 3600,
    EventEndTime: now,
    Destination: { Arn: BUS_ARN },
  });
}

async function replayState(harness: ServiceHarness, name: string): Promise<Record<string, unknown>> {
  for (;;) {
    const replay = await harness.call('DescribeReplay', { ReplayName: name });
    if (!['STARTING', 'RUNNING', 'CANCELLING'].includes(replay.State as string)) {
      return replay;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('EventBridgeService archives', () => {
  it('keeps archives in memory without dataDir', async () => {
    const harness = createHarness();

    await archiveTwoEvents(harness);

    const archive = await harness.call('DescribeArchive', { ArchiveName: 'orders' });
    expect(archive.EventCount).toBe(2);
  });

  it('skips a torn line of the event file', async () => {
    await archiveTwoEvents(createHarness({ dataDir }));
    appendFileSync(join(dataDir, 'archives', 'orders.jsonl'), '{"archivedAt":"2024-05-');

    const restarted = createHarness({ dataDir });

    const archive = await restarted.call('DescribeArchive', { ArchiveName: 'orders' });
    expect(archive.EventCount).toBe(2);
  });

  it('keeps the next event after a torn line', async () => {
    await archiveTwoEvents(createHarness({ dataDir }));
    appendFileSync(join(dataDir, 'archives', 'orders.jsonl'), '{"archivedAt":"2024-05-');
    const restarted = createHarness({ dataDir });
    await restarted.call('PutEvents', { Entries: [orderEntry()] });

    const again = createHarness({ dataDir });

    const archive = await again.call('DescribeArchive', { ArchiveName: 'orders' });
    expect(archive.EventCount).toBe(3);
  });

  it('drops expired events at start', async () => {
    await archiveTwoEvents(createHarness({ dataDir }), 1);
    const twoDaysLater = new FakeClock();
    twoDaysLater.advanceSeconds(2 * 86_400);

    const restarted = createHarness({ dataDir, now: twoDaysLater.now });

    const archive = await restarted.call('DescribeArchive', { ArchiveName: 'orders' });
    expect(archive.EventCount).toBe(0);
    expect(archive.SizeBytes).toBe(0);
    expect(readFileSync(join(dataDir, 'archives', 'orders.jsonl'), 'utf8')).toBe('');
  });

  it('rejects an archive of a missing bus', async () => {
    const harness = createHarness();
    const missingBus = BUS_ARN.replace('/default', '/missing');

    const create = harness.call('CreateArchive', { ArchiveName: 'orders', EventSourceArn: missingBus });

    expect((await apiError(create)).code).toBe('ResourceNotFoundException');
  });
});

describe('EventBridgeService replays', () => {
  it('lets patterns match replay-name', async () => {
    const harness = createHarness();
    await archiveTwoEvents(harness);
    const pattern = { 'replay-name': [{ exists: true }] };
    const queue = await addQueueRule(harness, { name: 'replays-only', pattern });

    await startReplay(harness, 'first-replay');
    await replayState(harness, 'first-replay');
    await harness.service.drain();

    const replayed = harness.sqs.bodiesFor(queue).map((body) => JSON.parse(body) as Record<string, unknown>);
    expect(replayed.map((event) => event.id)).toEqual(['event-1', 'event-2']);
    expect(replayed.map((event) => event['replay-name'])).toEqual(['first-replay', 'first-replay']);
  });

  it('cancels a starting replay', async () => {
    const harness = createHarness();
    await archiveTwoEvents(harness);
    const queue = await addQueueRule(harness, { name: 'orders', pattern: { source: ['shop.orders'] } });

    await startReplay(harness, 'cancelled');
    const cancel = await harness.call('CancelReplay', { ReplayName: 'cancelled' });
    const replay = await replayState(harness, 'cancelled');

    expect(cancel.State).toBe('CANCELLING');
    expect(replay.State).toBe('CANCELLED');
    expect(harness.sqs.bodiesFor(queue)).toHaveLength(0);
  });

  it('fails when the bus is deleted', async () => {
    const harness = createHarness();
    await harness.call('CreateEventBus', { Name: 'orders-bus' });
    const busArn = BUS_ARN.replace('/default', '/orders-bus');
    await harness.call('CreateArchive', { ArchiveName: 'orders', EventSourceArn: busArn });
    await harness.call('PutEvents', { Entries: [orderEntry({ EventBusName: 'orders-bus' })] });
    const now = harness.clock.now().getTime() / 1000;

    await harness.call('StartReplay', {
      ReplayName: 'orphan',
      EventSourceArn: ARCHIVE_ARN,
      EventStartTime: now - 3600,
      EventEndTime: now,
      Destination: { Arn: busArn },
    });
    await harness.call('DeleteEventBus', { Name: 'orders-bus' });
    const replay = await replayState(harness, 'orphan');

    expect(replay.State).toBe('FAILED');
    expect(replay.StateReason).toBe('Event bus orders-bus does not exist any more.');
  });
});
