import { randomUUID } from 'node:crypto';
import { createLogger } from '../log';
import { EventBusStore } from './buses';
import { DEFAULT_RETRY_BACKOFF, DeliveryScheduler } from './delivery';
import type { DeliveryJob, RetryBackoff } from './delivery';
import { EventBridgeApiError } from './errors';
import { testEventPattern } from './event-pattern';
import { matchesEventPattern } from './pattern/index';
import { putEvents } from './put-events';
import type { AcceptedEvent } from './put-events';
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
}

type OperationHandler = (request: ApiRequest) => unknown;

/** In-memory EventBridge: buses, rules, targets, PutEvents and delivery to SQS queues. */
export class EventBridgeService {
  private readonly context: ServiceContext;
  private readonly buses: EventBusStore;
  private readonly delivery: DeliveryScheduler;
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
    this.operations = this.createOperations();
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
    return this.delivery.stop();
  }

  private createOperations(): ReadonlyMap<string, OperationHandler> {
    const buses = this.buses;
    const rules = new RuleOperations(this.context, buses);
    const targets = new TargetOperations(rules);

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
      this.notifyAccepted(accepted);

      return matchJobs(accepted, now);
    });
    this.delivery.schedule(jobs);

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
