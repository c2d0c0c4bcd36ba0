import type { ArchiveOperations } from './archives';
import type { EventBusStore } from './buses';
import type { DeliveryJob, DeliveryScheduler } from './delivery';
import { matchesEventPattern } from './pattern/index';
import { isRuleEnabled } from './rules';
import type { EventBridgeEvent, EventBridgeLogger, EventBus } from './types';

/** Events put back on the bus at once. The replay waits for their delivery, then goes on. */
const REPLAY_BATCH_SIZE = 100;

export type ReplayState =
  | 'STARTING'
  | 'RUNNING'
  | 'CANCELLING'
  | 'COMPLETED'
  | 'CANCELLED'
  | 'FAILED';

export interface Replay {
  name: string;
  arn: string;
  description?: string;
  archiveName: string;
  archiveArn: string;
  destinationArn: string;
  busName: string;
  /** Rule ARNs that replayed events are matched against. Without them, every rule of the bus. */
  filterArns?: string[];
  eventStartTime: Date;
  eventEndTime: Date;
  state: ReplayState;
  stateReason?: string;
  eventLastReplayedTime?: Date;
  replayStartTime: Date;
  replayEndTime?: Date;
}

export interface ReplayRunnerContext {
  archives: ArchiveOperations;
  buses: EventBusStore;
  delivery: DeliveryScheduler;
  now: () => Date;
  logger: EventBridgeLogger;
}

/** Error that ends a replay in FAILED, with its message as StateReason. */
export class ReplayFailedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ReplayFailedError';
  }
}

/** Reads the state through a call, since CancelReplay changes it while the replay awaits. */
function isCancelling(replay: Replay): boolean {
  return replay.state === 'CANCELLING';
}

export function isReplayActive(replay: Replay): boolean {
  return ['STARTING', 'RUNNING', 'CANCELLING'].includes(replay.state);
}

/** Returns the archived events whose `time` is in [EventStartTime, EventEndTime), oldest first. */
function selectEvents(replay: Replay, context: ReplayRunnerContext): EventBridgeEvent[] {
  const archive = context.archives.get(replay.archiveName);
  const start = replay.eventStartTime.getTime();
  const end = replay.eventEndTime.getTime();

  return context.archives
    .readEvents(archive)
    .map((record) => record.event)
    .filter((event) => {
      const time = Date.parse(event.time);

      return time >= start && time < end;
    })
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

/** Returns a delivery job per target of each enabled, matching rule that the replay selects. */
function replayJobs(
  replay: Replay,
  bus: EventBus,
  event: EventBridgeEvent,
  now: Date,
): DeliveryJob[] {
  const jobs: DeliveryJob[] = [];
  for (const rule of bus.rules.values()) {
    if (replay.filterArns && !replay.filterArns.includes(rule.arn)) {
      continue;
    }
    if (!isRuleEnabled(rule) || !matchesEventPattern(rule.compiledPattern, event)) {
      continue;
    }
    for (const target of rule.targets.values()) {
      const job = { event, ingestionTime: now, ruleArn: rule.arn, ruleName: rule.name };
      jobs.push({ ...job, target: structuredClone(target) });
    }
  }

  return jobs;
}

function finish(replay: Replay, state: ReplayState, now: Date, reason?: string): void {
  replay.state = state;
  replay.stateReason = reason;
  replay.replayEndTime = now;
}

/**
 * Puts the replay's events back on its destination bus in batches, oldest first, and
 * moves it to COMPLETED, CANCELLED or FAILED. Replayed events carry `replay-name`, keep
 * their `id` and `time`, reach only the rules the replay selects, and are not archived.
 * NOTE: each batch waits for its deliveries, retries included, so a target that keeps
 * failing slows the replay. AWS replays do not wait for targets.
 */
export async function runReplay(replay: Replay, context: ReplayRunnerContext): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  try {
    if (isCancelling(replay)) {
      finish(replay, 'CANCELLED', context.now());

      return;
    }
    replay.state = 'RUNNING';
    const events = selectEvents(replay, context);
    for (let offset = 0; offset < events.length; offset += REPLAY_BATCH_SIZE) {
      if (isCancelling(replay)) {
        finish(replay, 'CANCELLED', context.now());

        return;
      }
      await replayBatch(replay, events.slice(offset, offset + REPLAY_BATCH_SIZE), context);
    }
    // A cancel that arrives during the last batch still ends the replay CANCELLED.
    finish(replay, isCancelling(replay) ? 'CANCELLED' : 'COMPLETED', context.now());
    const fields = { replay: replay.name, state: replay.state, events: events.length };
    context.logger.info('Replay ended', fields);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    context.logger.error('Replay failed', { replay: replay.name, error });
    finish(replay, 'FAILED', context.now(), reason);
  }
}

async function replayBatch(
  replay: Replay,
  batch: readonly EventBridgeEvent[],
  context: ReplayRunnerContext,
): Promise<void> {
  const bus = context.buses.find(replay.busName);
  if (!bus) {
    throw new ReplayFailedError(`Event bus ${replay.busName} does not exist any more.`);
  }
  const now = context.now();
  const jobs = batch.flatMap((event) => {
    const replayed: EventBridgeEvent = { ...event, 'replay-name': replay.name };

    return replayJobs(replay, bus, replayed, now);
  });
  await context.delivery.schedule(jobs);
  const last = batch.at(-1);
  if (last) {
    replay.eventLastReplayedTime = new Date(last.time);
  }
}
