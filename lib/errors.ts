/** Raised at cold start when a required environment variable is missing or empty. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly variable: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Raised when an append finds the stream past the expected version. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    options?: ErrorOptions,
  ) {
    super(`Stream ${streamId} is no longer at version ${expectedVersion}`, options);
    this.name = 'ConcurrencyError';
  }
}

/** One PutEvents entry that EventBridge did not accept. */
export interface FailedEntry {
  detailType: string;
  errorCode: string;
  errorMessage?: string;
}

/** Raised when a message or a stored item does not match its schema. */
export class InvalidEventError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidEventError';
  }
}

/** One problem in a request, with the dotted path of the offending value. */
export interface RequestIssue {
  path: string;
  message: string;
}

/** An error that maps to an HTTP response with a 4xx status code. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: RequestIssue[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'HttpError';
  }
}

/** Raised when a handler builds a response that fails the response schema. */
export class ResponseValidationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ResponseValidationError';
  }
}

/** Raised when an item read from a table does not match its schema. */
export class InvalidStoredItemError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidStoredItemError';
  }
}
