/**
 * A pattern that EventBridge would reject with InvalidEventPatternException. The message
 * names the field path and the problem, for example
 * `"detail.price": numeric operator "<>" is not supported`.
 */
export class InvalidEventPatternError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidEventPatternError';
  }
}

/** An event given to `testEventPattern` that is not a JSON object. */
export class InvalidEventError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidEventError';
  }
}

/** Builds the error for a problem at a dot-joined field path. */
export function invalidAt(path: string, problem: string): InvalidEventPatternError {
  return new InvalidEventPatternError(`"${path}": ${problem}`);
}

/**
 * A problem inside one match expression. The leaf compiler catches it and raises an
 * InvalidEventPatternError that names the field path.
 */
export class InvalidExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidExpressionError';
  }
}
