import type { CompiledPattern } from './pattern/index';

export type { CompiledPattern };

/** An event as EventBridge delivers it to targets and archives. */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO 8601 UTC timestamp without milliseconds, such as `2024-05-01T12:00:00Z`. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
  /** Name of the replay that sent the event again; absent on events put with PutEvents. */
  'replay-name'?: string;
}

export type RuleState =
  | 'ENABLED'
  | 'DISABLED'
  | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

export interface InputTransformer {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

export interface RetryPolicy {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
}

/** A rule target in the shape of the EventBridge API `Target` structure. */
export interface Target {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformer;
  RetryPolicy?: RetryPolicy;
  DeadLetterConfig?: { Arn?: string };
}

export interface Rule {
  name: string;
  arn: string;
  busName: string;
  eventPattern: string;
  compiledPattern: CompiledPattern;
  state: RuleState;
  description?: string;
  roleArn?: string;
  /** Targets by Id, in the order they were first added. */
  targets: Map<string, Target>;
}

export interface EventBus {
  name: string;
  arn: string;
  description?: string;
  creationTime: Date;
  lastModifiedTime: Date;
  /** Rules by name. */
  rules: Map<string, Rule>;
}

/** Logger for delivery outcomes. Loggers of `local/log.ts` fit this shape. */
export interface EventBridgeLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface SqsTargetSender {
  /**
   * Sends one message to the queue with this ARN. Rejects when the queue is missing or
   * the send fails, with `TargetQueueNotFoundError` for a missing queue, which delivery
   * does not retry, as AWS. `messageAttributes` is used for dead-letter deliveries
   * (RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION,
   * RETRY_ATTEMPTS).
   */
  send(
    queueArn: string,
    body: string,
    messageAttributes?: Record<string, string>,
  ): Promise<void>;
}

/** Account, region and clock that every part of the service shares. */
export interface ServiceContext {
  region: string;
  accountId: string;
  now: () => Date;
}

/** A parsed JSON request body, whose fields each operation reads and validates. */
export type ApiRequest = Record<string, unknown>;
