import { ruleArn } from './arn';
import type { EventBusStore } from './buses';
import { ruleNotFoundError, validationError } from './errors';
import { compilePattern } from './event-pattern';
import { paginate } from './pagination';
import { NAME_PATTERN, readOptionalString, readRequiredString } from './validate';
import type { ApiRequest, EventBus, Rule, RuleState, ServiceContext } from './types';

const RULE_STATES: readonly RuleState[] = [
  'ENABLED',
  'DISABLED',
  'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
];

export function isRuleEnabled(rule: Rule): boolean {
  return rule.state !== 'DISABLED';
}

function readRuleState(request: ApiRequest): RuleState {
  const state = readOptionalString(request, 'State') ?? 'ENABLED';
  if (!RULE_STATES.includes(state as RuleState)) {
    const message = `State "${state}" is not valid. Use one of ${RULE_STATES.join(', ')}.`;
    throw validationError(message);
  }

  return state as RuleState;
}

function readBusName(request: ApiRequest): string | undefined {
  return readOptionalString(request, 'EventBusName', { minLength: 1, maxLength: 1600 });
}

/** The fields that DescribeRule and ListRules return for a rule. */
function summarizeRule(rule: Rule): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPattern,
    State: rule.state,
    Description: rule.description,
    RoleArn: rule.roleArn,
    EventBusName: rule.busName,
  };
}

/** Rule operations: PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule. */
export class RuleOperations {
  constructor(
    private readonly context: ServiceContext,
    private readonly buses: EventBusStore,
  ) {}

  /** Returns the rule that the request's `nameField` and `EventBusName` name. */
  getRule(request: ApiRequest, nameField = 'Name'): { bus: EventBus; rule: Rule } {
    const name = readRequiredString(request, nameField, { maxLength: 64 });
    const bus = this.buses.get(readBusName(request));
    const rule = bus.rules.get(name);
    if (!rule) {
      throw ruleNotFoundError(name, bus.name);
    }

    return { bus, rule };
  }

  /** Creates or replaces a rule. A replaced rule keeps its targets, as on AWS. */
  putRule(request: ApiRequest): unknown {
    const name = readRequiredString(request, 'Name', { maxLength: 64, pattern: NAME_PATTERN });
    const bus = this.buses.get(readBusName(request));
    if (request.ScheduleExpression !== undefined && request.ScheduleExpression !== null) {
      throw validationError(
        'ScheduleExpression is not supported by the local EventBridge emulator. ' +
          'Create rules with an EventPattern.',
      );
    }
    const eventPattern = readOptionalString(request, 'EventPattern', { minLength: 1 });
    if (eventPattern === undefined) {
      throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    }
    const rule: Rule = {
      name,
      arn: ruleArn(this.context, bus.name, name),
      busName: bus.name,
      eventPattern,
      compiledPattern: compilePattern(eventPattern),
      state: readRuleState(request),
      description: readOptionalString(request, 'Description', { maxLength: 512 }),
      roleArn: readOptionalString(request, 'RoleArn', { minLength: 1, maxLength: 1600 }),
      targets: bus.rules.get(name)?.targets ?? new Map(),
    };
    bus.rules.set(name, rule);

    return { RuleArn: rule.arn };
  }

  describeRule(request: ApiRequest): unknown {
    const { rule } = this.getRule(request);

    return { ...summarizeRule(rule), CreatedBy: this.context.accountId };
  }

  listRules(request: ApiRequest): unknown {
    const prefix = readOptionalString(request, 'NamePrefix', { maxLength: 64 }) ?? '';
    const bus = this.buses.get(readBusName(request));
    const matching = [...bus.rules.values()]
      .filter((rule) => rule.name.startsWith(prefix))
      .sort((a, b) => a.name.localeCompare(b.name));
    const page = paginate(matching, request);

    return { Rules: page.items.map(summarizeRule), NextToken: page.nextToken };
  }

  /** Deletes a rule without targets. Deleting a missing rule succeeds, as on AWS. */
  deleteRule(request: ApiRequest): unknown {
    const name = readRequiredString(request, 'Name', { maxLength: 64 });
    const bus = this.buses.get(readBusName(request));
    const rule = bus.rules.get(name);
    if (rule && rule.targets.size > 0) {
      throw validationError(
        `Rule can't be deleted since it has targets. Remove the targets of rule ${name} first.`,
      );
    }
    bus.rules.delete(name);

    return {};
  }

  enableRule(request: ApiRequest): unknown {
    this.getRule(request).rule.state = 'ENABLED';

    return {};
  }

  disableRule(request: ApiRequest): unknown {
    this.getRule(request).rule.state = 'DISABLED';

    return {};
  }
}
