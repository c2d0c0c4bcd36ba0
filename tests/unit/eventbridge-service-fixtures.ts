import { expect } from 'vitest';
import { EventBridgeApiError } from '../../local/eventbridge/errors';
import { EventBridgeService } from '../../local/eventbridge/service';
import type { EventBridgeServiceOptions } from '../../local/eventbridge/service';
import type { EventBridgeLogger, SqsTargetSender } from '../../local/eventbridge/types';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

export function queueArn(name: string): string {
  return `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
}

export interface SentMessage {
  queueArn: string;
  body: string;
  messageAttributes?: Record<string, string>;
}

/** An SqsTargetSender that records messages and fails per queue on request. */
export class FakeSqsSender implements SqsTargetSender {
  readonly sent: SentMessage[] = [];
  /** Send attempts per queue ARN, failed ones included. */
  readonly attempts = new Map<string, number>();
  private readonly failures = new Map<string, { error: () => unknown; remaining: number }>();
  /** Called before each send; tests use it to move the clock. */
  beforeSend: (queueArn: string) => void = () => {};

  /** Makes the next `times` sends to the queue reject with `error()`. */
  failNext(arn: string, error: () => unknown, times = Infinity): void {
    this.failures.set(arn, { error, remaining: times });
  }

  async send(arn: string, body: string, messageAttributes?: Record<string, string>): Promise<void> {
    this.attempts.set(arn, (this.attempts.get(arn) ?? 0) + 1);
    this.beforeSend(arn);
    const failure = this.failures.get(arn);
    if (failure && failure.remaining > 0) {
      failure.remaining -= 1;
      throw failure.error();
    }
    const message: SentMessage = { queueArn: arn, body };
    if (messageAttributes) {
      message.messageAttributes = messageAttributes;
    }
    this.sent.push(message);
  }

  bodiesFor(arn: string): string[] {
    return this.sent.filter((message) => message.queueArn === arn).map((message) => message.body);
  }
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

export class RecordingLogger implements EventBridgeLogger {
  readonly entries: LogEntry[] = [];

  debug(message: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'debug', message, fields });
  }

  info(message: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'info', message, fields });
  }

  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'warn', message, fields });
  }

  error(message: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level: 'error', message, fields });
  }

  at(level: LogEntry['level']): LogEntry[] {
    return this.entries.filter((entry) => entry.level === level);
  }
}

/** A clock that does not advance until a test moves it. */
export class FakeClock {
  current: Date;

  constructor(start = '2024-05-01T12:00:00.250Z') {
    this.current = new Date(start);
  }

  now = (): Date => new Date(this.current);

  advanceSeconds(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

export interface ServiceHarness {
  service: EventBridgeService;
  sqs: FakeSqsSender;
  logger: RecordingLogger;
  clock: FakeClock;
  call: (operation: string, request?: unknown) => Promise<Record<string, unknown>>;
}

/**
 * Builds a service with a fake sender, a recording logger, a fixed clock and the event
 * ids `event-1`, `event-2` and so on.
 */
export function createHarness(options: Partial<EventBridgeServiceOptions> = {}): ServiceHarness {
  const sqs = new FakeSqsSender();
  const logger = new RecordingLogger();
  const clock = new FakeClock();
  let nextId = 0;
  const service = new EventBridgeService({
    region: REGION,
    accountId: ACCOUNT,
    sqs,
    logger,
    now: clock.now,
    newId: () => `event-${(nextId += 1)}`,
    retryBackoff: { baseDelayMs: 1, maxDelayMs: 4 },
    ...options,
  });
  const call = async (operation: string, request: unknown = {}) =>
    (await service.handle(operation, request)) as Record<string, unknown>;

  return { service, sqs, logger, clock, call };
}

/** Awaits `promise` and returns its EventBridgeApiError; fails the test if it resolves. */
export async function apiError(promise: Promise<unknown>): Promise<EventBridgeApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EventBridgeApiError);

  return error as EventBridgeApiError;
}

/** Creates a rule with one SQS target and returns the target queue ARN. */
export async function addQueueRule(
  harness: ServiceHarness,
  rule: { name: string; pattern: object; bus?: string; target?: Record<string, unknown> },
): Promise<string> {
  const arn = queueArn(`${rule.name}-queue`);
  await harness.call('PutRule', {
    Name: rule.name,
    EventBusName: rule.bus,
    EventPattern: JSON.stringify(rule.pattern),
  });
  await harness.call('PutTargets', {
    Rule: rule.name,
    EventBusName: rule.bus,
    Targets: [{ Id: 'queue', Arn: arn, ...rule.target }],
  });

  return arn;
}

export function orderEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Source: 'shop.orders',
    DetailType: 'OrderCreated',
    Detail: JSON.stringify({ orderId: 'o-1', total: 42 }),
    ...overrides,
  };
}
