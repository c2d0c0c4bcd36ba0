import { busNameFromParameter } from './arn';
import { toEpochSeconds } from './buses';
import { EventBridgeApiError, resourceNotFoundError, validationError } from './errors';
import { paginate } from './pagination';
import { readReplayName, readStartReplay } from './replay-request';
import { isReplayActive, runReplay } from './replay-runner';
import type { Replay, ReplayRunnerContext, ReplayState } from './replay-runner';
import { readOptionalString } from './validate';
import type { ApiRequest, ServiceContext } from './types';

/**
 * Replays that may run at once in one account and region.
 * NOTE: 10 is an assumption, because the EventBridge quotas page read here lists no
 * replay limit.
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
    const replay = this.createReplay(request);
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
      const message = `State "${state}" is not valid. Use one of ${REPLAY_STATES.join(', ')}.`;
      throw validationError(message);
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
      const message =
        `Replay ${replay.name} is ${replay.state}. ` +
        'Only a STARTING or RUNNING replay can be cancelled.';
      throw new EventBridgeApiError('IllegalStatusException', message);
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
  private createReplay(request: ApiRequest): Replay {
    const fields = readStartReplay(request, this.context.now());
    if (this.replays.has(fields.name)) {
      const message = `Replay ${fields.name} already exists.`;
      throw new EventBridgeApiError('ResourceAlreadyExistsException', message);
    }
    const archive = this.runner.archives.get(fields.sourceArn);
    if (fields.destinationArn !== archive.settings.sourceArn) {
      const reason = `it must be the archive's source event bus ${archive.settings.sourceArn}.`;
      throw validationError(`Parameter Destination.Arn is not valid. Reason: ${reason}`);
    }
    const busName = busNameFromParameter(this.context, fields.destinationArn);
    this.checkFilterArns(busName, fields.filterArns);
    this.checkActiveLimit();
    const { region, accountId } = this.context;

    return {
      name: fields.name,
      arn: `arn:aws:events:${region}:${accountId}:replay/${fields.name}`,
      description: fields.description,
      archiveName: archive.settings.name,
      archiveArn: archive.settings.arn,
      destinationArn: fields.destinationArn,
      busName,
      filterArns: fields.filterArns,
      eventStartTime: fields.eventStartTime,
      eventEndTime: fields.eventEndTime,
      state: 'STARTING',
      replayStartTime: this.context.now(),
    };
  }

  /**
   * NOTE: which error AWS returns for a FilterArns rule that does not exist was not
   * checked. ResourceNotFoundException is a guess.
   */
  private checkFilterArns(busName: string, filterArns: readonly string[] | undefined): void {
    const bus = this.runner.buses.get(busName);
    const ruleArns = new Set([...bus.rules.values()].map((rule) => rule.arn));
    for (const arn of filterArns ?? []) {
      if (!ruleArns.has(arn)) {
        const message =
          `Rule ${arn} in Destination.FilterArns does not exist on EventBus ${bus.name}.`;
        throw resourceNotFoundError(message);
      }
    }
  }

  private checkActiveLimit(): void {
    const active = [...this.replays.values()].filter(isReplayActive).length;
    if (active >= MAX_ACTIVE_REPLAYS) {
      const message =
        `${active} replays are running and the limit is ${MAX_ACTIVE_REPLAYS}. ` +
        'Wait for one to end.';
      throw new EventBridgeApiError('LimitExceededException', message);
    }
  }
}
