import { parseSqsQueueArn } from './arn';
import { EventBridgeApiError, validationError } from './errors';
import { readTargetInput } from './input-transform';
import { paginate } from './pagination';
import type { RuleOperations } from './rules';
import {
  NAME_PATTERN,
  readArray,
  readOptionalInteger,
  readOptionalObject,
  readOptionalString,
  readRequiredString,
} from './validate';
import type { ApiRequest, RetryPolicy, Target } from './types';

/** Targets per rule, the EventBridge quota. */
export const MAX_TARGETS_PER_RULE = 5;

function asTargetObject(value: unknown, index: number): ApiRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationError(`Targets[${index}] must be an object.`);
  }

  return value as ApiRequest;
}

/** Rejects any ARN but a standard SQS queue, the only kind of target emulated locally. */
function checkQueueArn(arn: string, label: string): void {
  const queue = parseSqsQueueArn(arn);
  if (!queue) {
    throw validationError(
      `${label} "${arn}" is not supported: only Amazon SQS queue targets ` +
        `(arn:aws:sqs:<region>:<account>:<queue>) are emulated locally.`,
    );
  }
  if (queue.queueName.endsWith('.fifo')) {
    throw validationError(`${label} "${arn}" is a FIFO queue, which is not emulated locally.`);
  }
}

function readRetryPolicy(target: ApiRequest): RetryPolicy | undefined {
  const policy = readOptionalObject(target, 'RetryPolicy');
  if (!policy) {
    return undefined;
  }
  const attempts = readOptionalInteger(policy, 'MaximumRetryAttempts', 0, 185);
  const maxAge = readOptionalInteger(policy, 'MaximumEventAgeInSeconds', 60, 86_400);
  const result: RetryPolicy = {};
  if (attempts !== undefined) {
    result.MaximumRetryAttempts = attempts;
  }
  if (maxAge !== undefined) {
    result.MaximumEventAgeInSeconds = maxAge;
  }
  return result;
}

function readDeadLetterArn(target: ApiRequest, label: string): string | undefined {
  const config = readOptionalObject(target, 'DeadLetterConfig');
  const arn = config && readOptionalString(config, 'Arn', { minLength: 1, maxLength: 1600 });
  if (arn !== undefined) {
    checkQueueArn(arn, `${label} DeadLetterConfig.Arn`);
  }

  return arn;
}

/** Reads and validates one target of a PutTargets request. */
function readTarget(value: unknown, index: number): Target {
  const raw = asTargetObject(value, index);
  const label = `Targets[${index}]`;
  const id = readRequiredString(raw, 'Id', { maxLength: 64, pattern: NAME_PATTERN });
  const arn = readRequiredString(raw, 'Arn', { maxLength: 1600 });
  checkQueueArn(arn, `${label} Arn`);
  const target: Target = { Id: id, Arn: arn, ...readTargetInput(raw, label) };
  const roleArn = readOptionalString(raw, 'RoleArn', { minLength: 1, maxLength: 1600 });
  if (roleArn !== undefined) {
    target.RoleArn = roleArn;
  }
  const retryPolicy = readRetryPolicy(raw);
  if (retryPolicy) {
    target.RetryPolicy = retryPolicy;
  }
  const deadLetterArn = readDeadLetterArn(raw, label);
  if (deadLetterArn !== undefined) {
    target.DeadLetterConfig = { Arn: deadLetterArn };
  }

  return target;
}

/** The target operations: PutTargets, ListTargetsByRule, RemoveTargets. */
export class TargetOperations {
  constructor(private readonly rules: RuleOperations) {}

  /** Adds or replaces targets by Id. The whole call fails on the first invalid target. */
  putTargets(request: ApiRequest): unknown {
    const { rule } = this.rules.getRule(request, 'Rule');
    const targets = readArray(request, 'Targets', 1, 10).map(readTarget);
    const ids = new Set([...rule.targets.keys(), ...targets.map((target) => target.Id)]);
    if (ids.size > MAX_TARGETS_PER_RULE) {
      throw new EventBridgeApiError(
        'LimitExceededException',
        `Rule ${rule.name} would have ${ids.size} targets, but a rule can have at most ` +
          `${MAX_TARGETS_PER_RULE}.`,
      );
    }
    for (const target of targets) {
      rule.targets.set(target.Id, target);
    }

    return { FailedEntryCount: 0, FailedEntries: [] };
  }

  listTargetsByRule(request: ApiRequest): unknown {
    const { rule } = this.rules.getRule(request, 'Rule');
    const page = paginate([...rule.targets.values()], request);

    return { Targets: page.items, NextToken: page.nextToken };
  }

  /** Removes targets by Id and skips Ids that the rule does not have. */
  removeTargets(request: ApiRequest): unknown {
    const { rule } = this.rules.getRule(request, 'Rule');
    const ids = readArray(request, 'Ids', 1, 100);
    for (const id of ids) {
      if (typeof id !== 'string') {
        throw validationError('Ids must be a list of target id strings.');
      }
      rule.targets.delete(id);
    }

    return { FailedEntryCount: 0, FailedEntries: [] };
  }
}
