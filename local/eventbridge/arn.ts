import type { ServiceContext } from './types';

export const DEFAULT_BUS_NAME = 'default';

export function eventBusArn(context: ServiceContext, busName: string): string {
  return `arn:aws:events:${context.region}:${context.accountId}:event-bus/${busName}`;
}

/** Returns the rule ARN, which leaves out the bus name for rules on the default bus. */
export function ruleArn(context: ServiceContext, busName: string, ruleName: string): string {
  const path = busName === DEFAULT_BUS_NAME ? ruleName : `${busName}/${ruleName}`;

  return `arn:aws:events:${context.region}:${context.accountId}:rule/${path}`;
}

/**
 * Returns the bus name that an `EventBusName` parameter names. The parameter may be a
 * name or an event bus ARN. An ARN of another region or account yields the whole ARN,
 * which matches no local bus, so the caller reports the bus as not found.
 */
export function busNameFromParameter(context: ServiceContext, nameOrArn: string): string {
  const prefix = `arn:aws:events:${context.region}:${context.accountId}:event-bus/`;
  if (nameOrArn.startsWith(prefix)) {
    return nameOrArn.slice(prefix.length);
  }

  return nameOrArn;
}

export interface SqsQueueArn {
  region: string;
  accountId: string;
  queueName: string;
}

const sqsArnPattern = /^arn:aws[\w-]*:sqs:([a-z0-9-]+):(\d{12}):([\w-]{1,80}(?:\.fifo)?)$/;

/** Parses `arn:aws:sqs:<region>:<account>:<name>`, or returns undefined for other text. */
export function parseSqsQueueArn(arn: string): SqsQueueArn | undefined {
  const match = sqsArnPattern.exec(arn);
  if (!match) {
    return undefined;
  }
  const [, region = '', accountId = '', queueName = ''] = match;

  return { region, accountId, queueName };
}
