import { busNameFromParameter } from './arn';
import { toEpochSeconds } from './buses';
import { EventBridgeApiError, resourceNotFoundError, validationError } from './errors';
import { paginate } from './pagination';
import { isReplayActive, runReplay } from './replay-runner';
import type { Replay, ReplayRunnerContext, ReplayState } from './replay-runner';
import { NAME_PATTERN, readArray, readOptionalString, readRequiredString } from './validate';
import type { ApiRequest, ServiceContext } from './types';

/**
 * Replays that may run at once in one account and region.
 * NOTE: 10 is an assumption, because the EventBridge quotas page read here lists no replay limit.
 */
const MAX_ACTIVE_REPLAYS = 10;

const REPLAY_STATES: readonly ReplayState[] = [
  'STARTING',
  'RUNNING',
  'CANCELLING',
  'COMPLETED',
  'CANCELLED',
  'FAILED',
];

function seconds(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : toEpochSeconds(date);
}

/** The fields that ListReplays returns for a replay. DescribeReplay adds more. */
function summarizeReplay(replay: Replay): Record<string, unknown> {
  return {
    ReplayName: replay.name,
    EventSourceArn: replay.archiveArn,
    State: replay.state,
    StateReason: replay.stateReason,
    EventStartTime: seconds(replay.eventStartTime),
    EventEndTime: seconds(replay.eventEndTime),
    EventLastReplayedTime: seconds(replay.eventLastReplayedTime),
    ReplayStartTime: seconds(replay.replayStartTime),
    ReplayEndTime: seconds(replay.replayEndTime),
  };
}

/** Reads a timestamp that the AWS JSON protocol sends as epoch seconds, or ISO 8601 text. */
function readTimestamp(request: ApiRequest, field: string): Date {
  const value = request[field];
  let time: Date | undefined;
  if (typeof value === 'number') {
    time = new Date(value * 1000);
  } else if (typeof value === 'string') {
    time = /^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  }
  if (time === undefined) {
    throw validationError(`${field} is required and must be a timestamp.`);
  }
  if (Number.isNaN(time.getTime())) {
    throw validationError(`${field} "${String(value)}" is not a valid timestamp.`);
  }

  return time;
}

function readReplayName(request: ApiRequest): string {
  return readRequiredString(request, 'ReplayName', { maxLength: 64, pattern: NAME_PATTERN });
}

function readFilterArns(destination: ApiRequest): string[] | undefined {
  if (destination.FilterArns === undefined || destination.FilterArns === null) {
    return undefined;
  }
  const arns = readArray(destination, 'FilterArns', 0, 100);
  if (arns.some((arn) => typeof arn !== 'string')) {
    throw validationError('Destination.FilterArns must be a list of rule ARNs.');
  }

  return arns as string[];
}

/**
 * Replay operations: StartReplay, DescribeReplay, ListReplays and CancelReplay. Replays
 * are kept in memory, so a restart loses them while the archives stay.
 */
export class ReplayOperations {
  private readonly replays = new Map<string, Replay>();

  constructor(
    private readonly context: ServiceContext,
    private readonly runner: ReplayRunnerContext,
  ) {}

  startReplay(request: ApiRequest): unknown {
    const replay = this.readReplay(request);
    this.replays.set(replay.name, replay);
    void runReplay(replay, this.runner);

    return {
      ReplayArn: replay.arn,
      State: replay.state,
      ReplayStartTime: toEpochSeconds(replay.replayStartTime),
    };
  }

  describeReplay(request: ApiRequest): unknown {
    const replay = this.get(readReplayName(request));

    return {
      ...summarizeReplay(replay),
      ReplayArn: replay.arn,
      Description: replay.description,
      Destination: { Arn: replay.destinationArn, FilterArns: replay.filterArns },
    };
  }

  listReplays(request: ApiRequest): unknown {
    const prefix = readOptionalString(request, 'NamePrefix', { maxLength: 64 }) ?? '';
    const sourceArn = readOptionalString(request, 'EventSourceArn', { maxLength: 1600 });
    const state = readOptionalString(request, 'State');
    if (state !== undefined && !REPLAY_STATES.includes(state as ReplayState)) {
      throw validationError(`State "${state}" is not valid. Use one of ${REPLAY_STATES.join(', ')}.`);
    }
    const matching = [...this.replays.values()]
      .filter((replay) => replay.name.startsWith(prefix))
      .filter((replay) => sourceArn === undefined || replay.archiveArn === sourceArn)
      .filter((replay) => state === undefined || replay.state === state)
      .sort((a, b) => a.name.localeCompare(b.name));
    const page = paginate(matching, request);

    return { Replays: page.items.map(summarizeReplay), NextToken: page.nextToken };
  }

  /** Asks a STARTING or RUNNING replay to stop. It becomes CANCELLED after its current batch. */
  cancelReplay(request: ApiRequest): unknown {
    const replay = this.get(readReplayName(request));
    if (replay.state !== 'STARTING' && replay.state !== 'RUNNING') {
      throw new EventBridgeApiError(
        'IllegalStatusException',
        `Replay ${replay.name} is ${replay.state}. Only a STARTING or RUNNING replay can be cancelled.`,
      );
    }
    replay.state = 'CANCELLING';

    return { ReplayArn: replay.arn, State: replay.state };
  }

  /** Cancels every active replay, for shutdown. */
  cancelAll(): void {
    for (const replay of this.replays.values()) {
      if (replay.state === 'STARTING' || replay.state === 'RUNNING') {
        replay.state = 'CANCELLING';
      }
    }
  }

  private get(name: string): Replay {
    const replay = this.replays.get(name);
    if (!replay) {
      throw resourceNotFoundError(`Replay ${name} does not exist.`);
    }

    return replay;
  }

  /** Validates a StartReplay request and returns the new replay in state STARTING. */
  private readReplay(request: ApiRequest): Replay {
    const name = readReplayName(request);
    const description = readOptionalString(request, 'Description', { maxLength: 512 });
    const sourceArn = readRequiredString(request, 'EventSourceArn', { maxLength: 1600 });
    const start = readTimestamp(request, 'EventStartTime');
    const end = readTimestamp(request, 'EventEndTime');
    const destination = request.Destination;
    if (typeof destination !== 'object' || destination === null || Array.isArray(destination)) {
      throw validationError('Destination is required and must be an object with an Arn.');
    }
    const destinationArn = readRequiredString(destination as ApiRequest, 'Arn', { maxLength: 1600 });
    const filterArns = readFilterArns(destination as ApiRequest);
    this.checkWindow(start, end);
    if (this.replays.has(name)) {
      throw new EventBridgeApiError('ResourceAlreadyExistsException', `Replay ${name} already exists.`);
    }
    const archive = this.runner.archives.get(sourceArn);
    if (destinationArn !== archive.settings.sourceArn) {
      const reason = `it must be the archive's source event bus ${archive.settings.sourceArn}.`;
      throw validationError(`Parameter Destination.Arn is not valid. Reason: ${reason}`);
    }
    const busName = busNameFromParameter(this.context, destinationArn);
    this.checkFilterArns(busName, filterArns);
    this.checkActiveLimit();

    return {
      name,
      arn: `arn:aws:events:${this.context.region}:${this.context.accountId}:replay/${name}`,
      description,
      archiveName: archive.settings.name,
      archiveArn: archive.settings.arn,
      destinationArn,
      busName,
      filterArns,
      eventStartTime: start,
      eventEndTime: end,
      state: 'STARTING',
      replayStartTime: this.context.now(),
    };
  }

  /**
   * NOTE: the API reference documents no message for these two checks. The messages
   * follow the reference's usual "Parameter X is not valid" form.
   */
  private checkWindow(start: Date, end: Date): void {
    if (end.getTime() <= start.getTime()) {
      const reason = 'EventEndTime must be after EventStartTime.';
      throw validationError(`Parameter EventEndTime is not valid. Reason: ${reason}`);
    }
    if (end.getTime() > this.context.now().getTime()) {
      const reason = `EventEndTime ${end.toISOString()} is in the future. Use a time up to now.`;
      throw validationError(`Parameter EventEndTime is not valid. Reason: ${reason}`);
    }
  }

  private checkFilterArns(busName: string, filterArns: readonly string[] | undefined): void {
    const bus = this.runner.buses.get(busName);
    const ruleArns = new Set([...bus.rules.values()].map((rule) => rule.arn));
    for (const arn of filterArns ?? []) {
      if (!ruleArns.has(arn)) {
        throw resourceNotFoundError(`Rule ${arn} in Destination.FilterArns does not exist on EventBus ${bus.name}.`);
      }
    }
  }

  private checkActiveLimit(): void {
    const active = [...this.replays.values()].filter(isReplayActive).length;
    if (active >= MAX_ACTIVE_REPLAYS) {
      throw new EventBridgeApiError(
        'LimitExceededException',
        `${active} replays are running, the limit is ${MAX_ACTIVE_REPLAYS}. Wait for one to end.`,
      );
    }
  }
}
