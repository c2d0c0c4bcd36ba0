import {
  CancelReplayCommand,
  CreateArchiveCommand,
  CreateEventBusCommand,
  DeleteArchiveCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  ListArchivesCommand,
  ListReplaysCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
  UpdateArchiveCommand,
} from '@aws-sdk/client-eventbridge';
import type { DescribeReplayCommandOutput, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';

import { EventBridgeService } from '../../local/eventbridge/service';
import type { EventBridgeLogger } from '../../local/eventbridge/types';
import { eventually, localClients, queueArn, receiveMessages, uniqueName } from '../support/aws';

const { sqs, events } = localClients();
const SOURCE = 'test.replay';
const MINUTE_MS = 60_000;
const quietLogger: EventBridgeLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
/** Archives that the tests created, deleted at the end so the data folder does not grow. */
const createdArchives = new Set<string>();

afterAll(async () => {
  for (const name of createdArchives) {
    await events.send(new DeleteArchiveCommand({ ArchiveName: name })).catch(() => undefined);
  }
});

interface RuleWithQueue {
  name: string;
  arn: string;
  queueUrl: string;
}

/**
 * A bus with an archive, events put at set times around a ten-minute window, and two rules
 * that both match every event and send it to their own queue. The rules are created after
 * the events were put, so the queues receive replayed events only.
 */
interface Fixture {
  busName: string;
  busArn: string;
  archiveName: string;
  archiveArn: string;
  windowStart: Date;
  windowEnd: Date;
  /** Ids of the events inside the window, oldest first. */
  inWindowIds: string[];
  first: RuleWithQueue;
  second: RuleWithQueue;
}

function entryAt(busName: string, time: Date, detail: object): PutEventsRequestEntry {
  const entry = { EventBusName: busName, Source: SOURCE, DetailType: 'Probe' };

  return { ...entry, Detail: JSON.stringify(detail), Time: time };
}

async function putEntries(entries: PutEventsRequestEntry[]): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset < entries.length; offset += 10) {
    const response = await events.send(new PutEventsCommand({ Entries: entries.slice(offset, offset + 10) }));
    expect(response.FailedEntryCount).toBe(0);
    ids.push(...(response.Entries ?? []).map((entry) => entry.EventId as string));
  }

  return ids;
}

async function addRuleWithQueue(busName: string, name: string): Promise<RuleWithQueue> {
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: `${busName}-${name}` }));
  const queueUrl = queue.QueueUrl as string;
  const pattern = JSON.stringify({ source: [SOURCE] });
  const ruleRequest = { Name: name, EventBusName: busName, EventPattern: pattern };
  const rule = await events.send(new PutRuleCommand(ruleRequest));
  const target = { Id: 'queue', Arn: await queueArn(sqs, queueUrl) };
  await events.send(new PutTargetsCommand({ Rule: name, EventBusName: busName, Targets: [target] }));

  return { name, arn: rule.RuleArn as string, queueUrl };
}

/** Creates the fixture with two events before, `inWindow` inside and one after the window. */
async function createFixture(inWindow = 2): Promise<Fixture> {
  const busName = uniqueName('replay-bus');
  const bus = await events.send(new CreateEventBusCommand({ Name: busName }));
  const busArn = bus.EventBusArn as string;
  const archiveName = `${busName}-archive`;
  const archiveRequest = { ArchiveName: archiveName, EventSourceArn: busArn };
  const archive = await events.send(new CreateArchiveCommand(archiveRequest));
  createdArchives.add(archiveName);
  const windowStart = new Date(Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 30 * MINUTE_MS);
  const windowEnd = new Date(windowStart.getTime() + 10 * MINUTE_MS);
  const at = (ms: number) => new Date(windowStart.getTime() + ms);
  await putEntries([
    entryAt(busName, at(-5 * MINUTE_MS), { n: 'before' }),
    entryAt(busName, at(-1000), { n: 'edge' }),
  ]);
  const inside = Array.from({ length: inWindow }, (_, index) =>
    entryAt(busName, at(MINUTE_MS + index * 1000), { n: index }),
  );
  const inWindowIds = await putEntries(inside);
  await putEntries([entryAt(busName, windowEnd, { n: 'after' })]);

  return {
    busName,
    busArn,
    archiveName,
    archiveArn: archive.ArchiveArn as string,
    windowStart,
    windowEnd,
    inWindowIds,
    first: await addRuleWithQueue(busName, 'first'),
    second: await addRuleWithQueue(busName, 'second'),
  };
}

async function startReplay(fixture: Fixture, filterArns?: string[]): Promise<string> {
  const replayName = uniqueName('replay');
  const response = await events.send(
    new StartReplayCommand({
      ReplayName: replayName,
      EventSourceArn: fixture.archiveArn,
      EventStartTime: fixture.windowStart,
      EventEndTime: fixture.windowEnd,
      Destination: { Arn: fixture.busArn, FilterArns: filterArns },
    }),
  );
  expect(response.State).toBe('STARTING');

  return replayName;
}

async function waitForReplayEnd(replayName: string): Promise<DescribeReplayCommandOutput> {
  return eventually(
    async () => {
      const replay = await events.send(new DescribeReplayCommand({ ReplayName: replayName }));

      return ['STARTING', 'RUNNING', 'CANCELLING'].includes(replay.State ?? '') ? undefined : replay;
    },
    30_000,
    `replay ${replayName} to end`,
  );
}

function bodies(messages: { Body?: string }[]): Record<string, unknown>[] {
  return messages.map((message) => JSON.parse(message.Body ?? '{}') as Record<string, unknown>);
}

async function errorName(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no error',
    (error: unknown) => (error as Error).name,
  );
}

describe('local EventBridge archives', () => {
  it('archives every event of its bus', async () => {
    const fixture = await createFixture();

    const archive = await events.send(new DescribeArchiveCommand({ ArchiveName: fixture.archiveName }));

    expect(archive.EventCount).toBe(5);
    expect(archive.SizeBytes).toBeGreaterThan(5 * 200);
    expect(archive.State).toBe('ENABLED');
    expect(archive.EventSourceArn).toBe(fixture.busArn);
  });

  it('archives only events that match its pattern', async () => {
    const busName = uniqueName('pattern-bus');
    const bus = await events.send(new CreateEventBusCommand({ Name: busName }));
    const archiveName = `${busName}-archive`;
    const pattern = JSON.stringify({ detail: { kind: ['kept'] } });
    await events.send(
      new CreateArchiveCommand({ ArchiveName: archiveName, EventSourceArn: bus.EventBusArn, EventPattern: pattern }),
    );
    createdArchives.add(archiveName);

    await putEntries([entryAt(busName, new Date(), { kind: 'kept' }), entryAt(busName, new Date(), { kind: 'other' })]);

    const archive = await events.send(new DescribeArchiveCommand({ ArchiveName: archiveName }));
    expect(archive.EventCount).toBe(1);
    expect(archive.EventPattern).toBe(pattern);
  });

  it('updates, lists and deletes an archive', async () => {
    const fixture = await createFixture(0);

    await events.send(
      new UpdateArchiveCommand({ ArchiveName: fixture.archiveName, RetentionDays: 7, Description: 'Kept a week' }),
    );
    const updated = await events.send(new DescribeArchiveCommand({ ArchiveName: fixture.archiveName }));
    const listed = await events.send(new ListArchivesCommand({ NamePrefix: fixture.archiveName }));
    await events.send(new DeleteArchiveCommand({ ArchiveName: fixture.archiveName }));

    expect(updated.RetentionDays).toBe(7);
    expect(updated.Description).toBe('Kept a week');
    expect(updated.EventCount).toBe(3);
    expect(listed.Archives?.map((archive) => archive.ArchiveName)).toEqual([fixture.archiveName]);
    const describeDeleted = events.send(new DescribeArchiveCommand({ ArchiveName: fixture.archiveName }));
    expect(await errorName(describeDeleted)).toBe('ResourceNotFoundException');
  });

  it('rejects a second archive of the same name', async () => {
    const fixture = await createFixture(0);

    const create = events.send(new CreateArchiveCommand({ ArchiveName: fixture.archiveName, EventSourceArn: fixture.busArn }));

    expect(await errorName(create)).toBe('ResourceAlreadyExistsException');
  });

  it('creates the template archive at start', async () => {
    const archive = await events.send(new DescribeArchiveCommand({ ArchiveName: 'shop-test-archive' }));

    expect(archive.RetentionDays).toBe(30);
    expect(archive.EventSourceArn).toMatch(/:event-bus\/shop-test$/);
  });

  it('keeps the archive across a restart', async () => {
    const fixture = await createFixture();
    const before = await events.send(new DescribeArchiveCommand({ ArchiveName: fixture.archiveName }));
    const sent: string[] = [];
    const restarted = new EventBridgeService({
      region: inject('region'),
      accountId: '000000000000',
      sqs: { send: async (_queueArn, body) => void sent.push(body) },
      logger: quietLogger,
      dataDir: inject('dataDir'),
    });
    try {
      const request = { ArchiveName: fixture.archiveName };
      const after = (await restarted.handle('DescribeArchive', request)) as Record<string, unknown>;
      await replayInService(restarted, fixture);
      await eventually(async () => (sent.length >= 2 ? true : undefined), 10_000, 'replayed events');

      expect(after.EventCount).toBe(before.EventCount);
      expect(after.SizeBytes).toBe(before.SizeBytes);
      const replayedIds = sent.map((body) => (JSON.parse(body) as { id: string }).id);
      expect(replayedIds).toEqual(fixture.inWindowIds);
    } finally {
      await restarted.close();
    }
  });
});

/** Recreates the fixture's bus with one rule in the service, then replays the window. */
async function replayInService(service: EventBridgeService, fixture: Fixture): Promise<void> {
  const busName = fixture.busName;
  const pattern = JSON.stringify({ source: [SOURCE] });
  const target = { Id: 'queue', Arn: 'arn:aws:sqs:us-east-1:000000000000:restarted' };
  await service.handle('CreateEventBus', { Name: busName });
  await service.handle('PutRule', { Name: 'all', EventBusName: busName, EventPattern: pattern });
  await service.handle('PutTargets', { Rule: 'all', EventBusName: busName, Targets: [target] });
  await service.handle('StartReplay', {
    ReplayName: 'after-restart',
    EventSourceArn: fixture.archiveArn,
    EventStartTime: fixture.windowStart.getTime() / 1000,
    EventEndTime: fixture.windowEnd.getTime() / 1000,
    Destination: { Arn: fixture.busArn },
  });
}

describe('local EventBridge replays', () => {
  it('delivers exactly the events of the window', async () => {
    const fixture = await createFixture();

    const replayName = await startReplay(fixture);

    const delivered = bodies(await receiveMessages(sqs, fixture.first.queueUrl, 2));
    expect(delivered.map((event) => event.id).sort()).toEqual([...fixture.inWindowIds].sort());
    expect(delivered.map((event) => event['replay-name'])).toEqual([replayName, replayName]);
    expect(delivered.map((event) => event.time).sort()).toEqual([
      new Date(fixture.windowStart.getTime() + MINUTE_MS).toISOString().replace('.000Z', 'Z'),
      new Date(fixture.windowStart.getTime() + MINUTE_MS + 1000).toISOString().replace('.000Z', 'Z'),
    ]);
    expect(await receiveMessages(sqs, fixture.first.queueUrl, 1, 2_000)).toHaveLength(0);
  });

  it('limits delivery to the FilterArns rules', async () => {
    const fixture = await createFixture();

    const replayName = await startReplay(fixture, [fixture.first.arn]);
    await waitForReplayEnd(replayName);

    expect(await receiveMessages(sqs, fixture.first.queueUrl, 2)).toHaveLength(2);
    expect(await receiveMessages(sqs, fixture.second.queueUrl, 1, 2_000)).toHaveLength(0);
  });

  it('reports states and times of a completed replay', async () => {
    const fixture = await createFixture();

    const replayName = await startReplay(fixture);
    const replay = await waitForReplayEnd(replayName);
    const listed = await events.send(new ListReplaysCommand({ NamePrefix: replayName }));

    expect(replay.State).toBe('COMPLETED');
    expect(replay.EventSourceArn).toBe(fixture.archiveArn);
    expect(replay.EventLastReplayedTime).toEqual(new Date(fixture.windowStart.getTime() + MINUTE_MS + 1000));
    expect(replay.ReplayStartTime).toBeInstanceOf(Date);
    const startTime = replay.ReplayStartTime?.getTime() ?? Infinity;
    expect(replay.ReplayEndTime?.getTime()).toBeGreaterThanOrEqual(startTime);
    expect(listed.Replays?.map((listedReplay) => listedReplay.State)).toEqual(['COMPLETED']);
  });

  it('does not archive replayed events', async () => {
    const fixture = await createFixture();

    await waitForReplayEnd(await startReplay(fixture));
    await receiveMessages(sqs, fixture.first.queueUrl, 2);

    const archive = await events.send(new DescribeArchiveCommand({ ArchiveName: fixture.archiveName }));
    expect(archive.EventCount).toBe(5);
  });

  it('cancels a running replay', async () => {
    const fixture = await createFixture(500);
    const replayName = await startReplay(fixture);

    const cancel = await events.send(new CancelReplayCommand({ ReplayName: replayName }));
    const replay = await waitForReplayEnd(replayName);

    expect(cancel.State).toBe('CANCELLING');
    expect(replay.State).toBe('CANCELLED');
    expect(replay.ReplayEndTime).toBeInstanceOf(Date);
    const cancelAgain = events.send(new CancelReplayCommand({ ReplayName: replayName }));
    expect(await errorName(cancelAgain)).toBe('IllegalStatusException');
  });

  it('rejects invalid replays', async () => {
    const fixture = await createFixture(0);
    const other = await createFixture(0);
    const existing = await startReplay(fixture);
    const request = {
      ReplayName: uniqueName('invalid'),
      EventSourceArn: fixture.archiveArn,
      EventStartTime: fixture.windowStart,
      EventEndTime: fixture.windowEnd,
      Destination: { Arn: fixture.busArn },
    };
    const cases = [
      { change: { EventEndTime: fixture.windowStart }, error: 'ValidationException' },
      { change: { EventEndTime: new Date(Date.now() + 3_600_000) }, error: 'ValidationException' },
      { change: { Destination: { Arn: other.busArn } }, error: 'ValidationException' },
      { change: { EventSourceArn: `${fixture.archiveArn}-missing` }, error: 'ResourceNotFoundException' },
      { change: { ReplayName: existing }, error: 'ResourceAlreadyExistsException' },
      { change: { Destination: { Arn: fixture.busArn, FilterArns: [other.first.arn] } }, error: 'ResourceNotFoundException' },
    ];

    for (const { change, error } of cases) {
      const start = events.send(new StartReplayCommand({ ...request, ...change }));
      expect(await errorName(start), JSON.stringify(change)).toBe(error);
    }
  });
});

const scriptPath = fileURLToPath(new URL('../../scripts/replay.ts', import.meta.url));

function runScript(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL: inject('awsEndpoint'),
    AWS_REGION: inject('region'),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };

  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', scriptPath, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('replay script', () => {
  it('replays a window to one rule', async () => {
    const fixture = await createFixture();
    const args = ['--from', fixture.windowStart.toISOString(), '--to', fixture.windowEnd.toISOString()];
    const names = ['--bus', fixture.busName, '--archive', fixture.archiveName, '--rule', 'first', '--poll-ms', '100'];

    const result = await runScript([...args, ...names]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('COMPLETED');
    expect(await receiveMessages(sqs, fixture.first.queueUrl, 2)).toHaveLength(2);
    expect(await receiveMessages(sqs, fixture.second.queueUrl, 1, 2_000)).toHaveLength(0);
  });

  it('waits out failing DescribeReplay calls', async () => {
    const fixture = await createFixture();
    const args = ['--from', fixture.windowStart.toISOString(), '--to', fixture.windowEnd.toISOString()];
    const names = ['--bus', fixture.busName, '--archive', fixture.archiveName, '--poll-ms', '100'];
    const faults = `${inject('awsEndpoint')}/_local/faults`;
    await fetch(faults, { method: 'POST', body: JSON.stringify({ operation: 'DescribeReplay', count: 6 }) });

    const result = await runScript([...args, ...names]).finally(() => fetch(faults, { method: 'DELETE' }));

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('DescribeReplay failed');
    expect(result.stdout).toContain('COMPLETED');
  });

  it('exits non-zero for a missing archive', async () => {
    const archive = uniqueName('missing-archive');
    const args = ['--from', '2026-01-01T00:00:00Z', '--to', '2026-01-01T01:00:00Z', '--archive', archive];

    const result = await runScript(args);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Archive ${archive} does not exist.`);
  });
});
