/**
 * Planned failures of EventBridge operations, set through `POST /_local/faults`, so that
 * tests and users can see how the system behaves when, for example, PutEvents fails.
 */
export interface FaultRule {
  operation: string;
  /** How many of the next calls fail. */
  remaining: number;
  code: string;
  message: string;
  statusCode: number;
}

export class InvalidFaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFaultError';
  }
}

export class FaultSwitch {
  private readonly rules = new Map<string, FaultRule>();

  /** `isKnownOperation` rejects rules for operations that are never called, such as typos. */
  constructor(private readonly isKnownOperation: (operation: string) => boolean = () => true) {}

  /** Adds or replaces the rule for an operation, from a request body. */
  set(body: unknown): FaultRule {
    const input = (body ?? {}) as Record<string, unknown>;
    if (typeof input.operation !== 'string' || input.operation === '') {
      throw new InvalidFaultError('Missing "operation": name an EventBridge operation, e.g. "PutEvents".');
    }
    if (!this.isKnownOperation(input.operation)) {
      throw new InvalidFaultError(
        `Unknown operation "${input.operation}": name an EventBridge operation the local endpoint serves, e.g. "PutEvents".`,
      );
    }
    const count = input.count ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      throw new InvalidFaultError(`Invalid "count" ${JSON.stringify(count)}: expected a whole number of calls, 1 or more.`);
    }
    const rule: FaultRule = {
      operation: input.operation,
      remaining: count,
      code: typeof input.code === 'string' ? input.code : 'InternalException',
      message: typeof input.message === 'string' ? input.message : 'Failure injected through /_local/faults.',
      statusCode: typeof input.statusCode === 'number' ? input.statusCode : 500,
    };
    this.rules.set(rule.operation, rule);

    return rule;
  }

  /** Returns the failure for this call of the operation, if one is planned, and counts it. */
  take(operation: string): FaultRule | undefined {
    const rule = this.rules.get(operation);
    if (!rule) {
      return undefined;
    }
    rule.remaining -= 1;
    if (rule.remaining === 0) {
      this.rules.delete(operation);
    }

    return rule;
  }

  list(): FaultRule[] {
    return [...this.rules.values()];
  }

  clear(): void {
    this.rules.clear();
  }
}
