/**
 * An EventBridge API error: the gateway sends `{"__type": code, "message": message}` with
 * `statusCode`.
 */
export class EventBridgeApiError extends Error {
  readonly code: string;
  readonly statusCode: number;

  constructor(code: string, message: string, statusCode = 400, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EventBridgeApiError';
    this.code = code;
    this.statusCode = statusCode;
  }
}

export function validationError(message: string): EventBridgeApiError {
  return new EventBridgeApiError('ValidationException', message);
}

export function resourceNotFoundError(message: string): EventBridgeApiError {
  return new EventBridgeApiError('ResourceNotFoundException', message);
}

export function busNotFoundError(busName: string): EventBridgeApiError {
  return resourceNotFoundError(`Event bus ${busName} does not exist.`);
}

export function ruleNotFoundError(ruleName: string, busName: string): EventBridgeApiError {
  return resourceNotFoundError(`Rule ${ruleName} does not exist on EventBus ${busName}.`);
}

/** Thrown by an `SqsTargetSender` when the target queue does not exist. */
export class TargetQueueNotFoundError extends Error {
  readonly queueArn: string;

  constructor(queueArn: string, options?: ErrorOptions) {
    super(`Queue ${queueArn} does not exist.`, options);
    this.name = 'TargetQueueNotFoundError';
    this.queueArn = queueArn;
  }
}
