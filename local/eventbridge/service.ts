import { randomUUID } from 'node:crypto';
import { createLogger } from '../log';
import { ArchiveFileStorage, ArchiveMemoryStorage } from './archive-store';
import { ArchiveOperations } from './archives';
import { EventBusStore } from './buses';
import { DEFAULT_RETRY_BACKOFF, DeliveryScheduler } from './delivery';
import type { DeliveryJob, RetryBackoff } from './delivery';
import { EventBridgeApiError } from './errors';
import { testEventPattern } from './event-pattern';
import { matchesEventPattern } from './pattern/index';
import { putEvents } from './put-events';
import type { AcceptedEvent } from './put-events';
import { ReplayOperations } from './replays';
import { RuleOperations, isRuleEnabled } from './rules';
import { TargetOperations } from './targets';
import { asRequest } from './validate';
import type {
  ApiRequest,
  EventBridgeEvent,
  EventBridgeLogger,
  ServiceContext,
  SqsTargetSender,
} from './types';

export type { EventBridgeEvent, EventBridgeLogger, SqsTargetSender } from './types';

export interface EventBridgeServiceOptions {
  region: string;
  accountId: string;
  sqs: SqsTargetSender;
  /** Clock for event times, ingestion times and event age. Defaults to the system clock. */
  now?: () => Date;
  /** Event id generator. Defaults to crypto.randomUUID. */
  newId?: () => string;
  /** Called with each accepted event before delivery. Its errors are logged and ignored. */
  onEventAccepted?: (busName: string, event: EventBridgeEvent) => void;
  /** Defaults to the local runtime's stderr logger. */
  logger?: EventBridgeLogger;
  /** Delays between delivery attempts. Tests pass small values. */
  retryBackoff?: Partial<RetryBackoff>;
  /** Folder whose `archives/` keeps archives across restarts. Without it, they live in memory. */
  dataDir?: string;
}

type OperationHandler = (request: ApiRequest) => unknown;

/**
 * Local EventBridge: buses, rules, targets, PutEvents, delivery to SQS queues, archives
 * and replays. Everything but the archives lives in memory.
 */
export class EventBridgeService {
  private readonly context: ServiceContext;
  private readonly buses: EventBusStore;
  private readonly delivery: DeliveryScheduler;
  private readonly archives: ArchiveOperations;
  private readonly replays: ReplayOperations;
  private readonly logger: EventBridgeLogger;
  private readonly operations: ReadonlyMap<string, OperationHandler>;

  constructor(private readonly options: EventBridgeServiceOptions) {
    const now = options.now ?? (() => new Date());
    this.context = { region: options.region, accountId: options.accountId, now };
    this.logger = options.logger ?? createLogger('eventbridge');
    this.buses = new EventBusStore(this.context);
    this.delivery = new DeliveryScheduler({
      sqs: options.sqs,
      logger: this.logger,
      now,
      backoff: { ...DEFAULT_RETRY_BACKOFF, ...options.retryBackoff },
    });
    const storage = options.dataDir
      ? new ArchiveFileStorage(options.dataDir, (message, fields) => this.logger.warn(message, fields))
      : new ArchiveMemoryStorage();
    this.archives = new ArchiveOperations(this.context, this.buses, storage, this.logger);
    this.replays = new ReplayOperations(this.context, {
      archives: this.archives,
      buses: this.buses,
      delivery: this.delivery,
      now,
      logger: this.logger,
    });
    this.operations = this.createOperations();
  }

  /** Returns whether the local EventBridge serves the operation, e.g. `PutEvents`. */
  supports(operation: string): boolean {
    return this.operations.has(operation);
  }

  /**
   * Runs one API operation, named as in X-Amz-Target after `AWSEvents.`, with the parsed
   * JSON request. Rejects with EventBridgeApiError, where unexpected errors become a
   * 500 InternalException.
   */
  async handle(operation: string, request: unknown): Promise<unknown> {
    const handler = this.operations.get(operation);
    if (!handler) {
      throw new EventBridgeApiError(
        'UnknownOperationException',
        `Operation ${operation} is not supported by the local EventBridge emulator.`,
      );
    }
    try {
      return await handler(asRequest(request));
    } catch (error) {
      if (error instanceof EventBridgeApiError) {
        throw error;
      }
      this.logger.error('EventBridge operation failed unexpectedly', { operation, error });
      const message = `Internal error in ${operation}: ${String(error)}`;
      throw new EventBridgeApiError('InternalException', message, 500, { cause: error });
    }
  }

  /** Waits until every delivery started so far has finished (used by tests and shutdown). */
  drain(): Promise<void> {
    return this.delivery.drain();
  }

  /**
   * Stops delivery for shutdown without waiting out retries, which can last up to
   * MaximumEventAgeInSeconds. An event waiting for a retry gets one last attempt and is
   * logged as dropped if that fails.
   */
  close(): Promise<void> {
    this.replays.cancelAll();

    return this.delivery.stop();
  }

  private createOperations(): ReadonlyMap<string, OperationHandler> {
    const buses = this.buses;
    const rules = new RuleOperations(this.context, buses);
    const targets = new TargetOperations(rules);
    const archives = this.archives;
    const replays = this.replays;

    return new Map<string, OperationHandler>([
      ['PutEvents', (request) => this.putEvents(request)],
      ['PutRule', (request) => rules.putRule(request)],
      ['DescribeRule', (request) => rules.describeRule(request)],
      ['ListRules', (request) => rules.listRules(request)],
      ['DeleteRule', (request) => rules.deleteRule(request)],
      ['EnableRule', (request) => rules.enableRule(request)],
      ['DisableRule', (request) => rules.disableRule(request)],
      ['PutTargets', (request) => targets.putTargets(request)],
      ['ListTargetsByRule', (request) => targets.listTargetsByRule(request)],
      ['RemoveTargets', (request) => targets.removeTargets(request)],
      ['CreateEventBus', (request) => buses.createEventBus(request)],
      ['ListEventBuses', (request) => buses.listEventBuses(request)],
      ['DescribeEventBus', (request) => buses.describeEventBus(request)],
      ['DeleteEventBus', (request) => buses.deleteEventBus(request)],
      ['TestEventPattern', (request) => testEventPattern(request)],
      ['CreateArchive', (request) => archives.createArchive(request)],
      ['DescribeArchive', (request) => archives.describeArchive(request)],
      ['ListArchives', (request) => archives.listArchives(request)],
      ['UpdateArchive', (request) => archives.updateArchive(request)],
      ['DeleteArchive', (request) => archives.deleteArchive(request)],
      ['StartReplay', (request) => replays.startReplay(request)],
      ['DescribeReplay', (request) => replays.describeReplay(request)],
      ['ListReplays', (request) => replays.listReplays(request)],
      ['CancelReplay', (request) => replays.cancelReplay(request)],
    ]);
  }

  private putEvents(request: ApiRequest): unknown {
    const now = this.context.now();
    const result = putEvents(request, {
      context: this.context,
      buses: this.buses,
      newId: this.options.newId ?? randomUUID,
      now,
    });
    const jobs = result.accepted.flatMap((accepted) => {
      this.archives.record(accepted.bus.name, accepted.event, now);
      this.notifyAccepted(accepted);

      return matchJobs(accepted, now);
    });
    void this.delivery.schedule(jobs);

    return result.response;
  }

  private notifyAccepted({ bus, event }: AcceptedEvent): void {
    try {
      this.options.onEventAccepted?.(bus.name, event);
    } catch (error) {
      const fields = { eventId: event.id, bus: bus.name, error };
      this.logger.error('onEventAccepted hook failed, event still delivered', fields);
    }
  }
}

/** Returns a delivery job per target of each enabled rule on the event's bus that matches it. */
function matchJobs({ bus, event }: AcceptedEvent, ingestionTime: Date): DeliveryJob[] {
  const jobs: DeliveryJob[] = [];
  for (const rule of bus.rules.values()) {
    if (!isRuleEnabled(rule) || !matchesEventPattern(rule.compiledPattern, event)) {
      continue;
    }
    for (const target of rule.targets.values()) {
      jobs.push({
        event,
        ingestionTime,
        ruleArn: rule.arn,
        ruleName: rule.name,
        target: structuredClone(target),
      });
    }
  }

  return jobs;
}
