import type { DeliveryJob } from './delivery';
import type { DeliveryFailure } from './delivery-errors';
import type { EventBridgeLogger, SqsTargetSender } from './types';

/** The retry limit that ended a delivery, as the EXHAUSTED_RETRY_CONDITION attribute names it. */
export type ExhaustedCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

/** Log fields that identify a delivery: event id, rule ARN and target id. */
export function jobFields(job: DeliveryJob): Record<string, unknown> {
  return { eventId: job.event.id, rule: job.ruleArn, target: job.target.Id };
}

function deadLetterAttributes(
  job: DeliveryJob,
  failure: DeliveryFailure,
  retries: number,
  exhausted: ExhaustedCondition | undefined,
): Record<string, string> {
  const attributes: Record<string, string> = {
    RULE_ARN: job.ruleArn,
    TARGET_ARN: job.target.Arn,
    ERROR_CODE: failure.code,
    ERROR_MESSAGE: failure.message,
    RETRY_ATTEMPTS: String(retries),
  };
  if (exhausted !== undefined) {
    attributes.EXHAUSTED_RETRY_CONDITION = exhausted;
  }

  return attributes;
}

/**
 * Sends the original event to the target's dead-letter queue, with the message
 * attributes that the EventBridge User Guide lists. Without a dead-letter queue, the
 * event is dropped and logged. `exhausted` is undefined for failures that skip retries.
 */
export async function sendToDeadLetterQueue(
  services: { sqs: SqsTargetSender; logger: EventBridgeLogger },
  job: DeliveryJob,
  failure: DeliveryFailure,
  retries: number,
  exhausted: ExhaustedCondition | undefined,
): Promise<void> {
  const { sqs, logger } = services;
  const fields = { ...jobFields(job), errorCode: failure.code, error: failure.message, retries };
  const deadLetterArn = job.target.DeadLetterConfig?.Arn;
  if (deadLetterArn === undefined) {
    logger.error('Event delivery failed, event dropped: the target has no DLQ', fields);
    return;
  }
  const attributes = deadLetterAttributes(job, failure, retries, exhausted);
  try {
    await sqs.send(deadLetterArn, JSON.stringify(job.event), attributes);
    logger.warn('Event delivery failed, event sent to the dead-letter queue', {
      ...fields,
      deadLetterQueue: deadLetterArn,
    });
  } catch (error) {
    logger.error('Event delivery failed, event lost: sending it to the DLQ failed too', {
      ...fields,
      deadLetterQueue: deadLetterArn,
      deadLetterError: error instanceof Error ? error.message : String(error),
    });
  }
}
