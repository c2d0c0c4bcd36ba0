import { TargetQueueNotFoundError } from './errors';

/** A failed send, in the terms of the EventBridge dead-letter message attributes. */
export interface DeliveryFailure {
  /** ERROR_CODE value, one of the codes that the EventBridge User Guide lists for DLQs. */
  code: 'NO_RESOURCE' | 'INVALID_PARAMETER' | 'CONNECTION_FAILURE' | 'ERROR_FROM_TARGET';
  message: string;
  /** Whether a retry can help. Other failures go to the DLQ at once, as on AWS. */
  retryable: boolean;
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message || error.name;
  }

  return String(error);
}

/** Returns whether an AWS SDK error is a client fault other than throttling. */
function isClientFault(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const { $fault, name } = error as { $fault?: unknown; name?: unknown };

  return $fault === 'client' && !/throttl/i.test(String(name));
}

/**
 * Classifies a rejected send. AWS does not retry a missing resource or a 4xx response
 * other than throttling. So a missing queue and other client faults, such as a message
 * that the queue rejects, are not retried. Connection and server failures are retried.
 */
export function classifyDeliveryError(error: unknown): DeliveryFailure {
  const message = errorMessage(error);
  if (error instanceof TargetQueueNotFoundError) {
    return { code: 'NO_RESOURCE', message, retryable: false };
  }
  if (isClientFault(error)) {
    return { code: 'INVALID_PARAMETER', message, retryable: false };
  }
  const systemCode = (error as { code?: unknown } | null)?.code;
  if (typeof systemCode === 'string' && CONNECTION_ERROR_CODES.has(systemCode)) {
    return { code: 'CONNECTION_FAILURE', message, retryable: true };
  }

  return { code: 'ERROR_FROM_TARGET', message, retryable: true };
}
