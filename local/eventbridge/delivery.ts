import { setTimeout as sleep } from 'node:timers/promises';
import { classifyDeliveryError } from './delivery-errors';
import type { DeliveryFailure } from './delivery-errors';
import { jobFields, sendToDeadLetterQueue } from './dead-letter';
import { renderTargetInput } from './input-transform';
import type { EventBridgeEvent, EventBridgeLogger, SqsTargetSender, Target } from './types';

/** Retry limits of a target without RetryPolicy: 185 retries within 24 hours, as on AWS. */
const DEFAULT_MAX_RETRY_ATTEMPTS = 185;
const DEFAULT_MAX_EVENT_AGE_SECONDS = 86_400;

export interface RetryBackoff {
  /** Delay before the first retry, in ms. Each further retry doubles it. */
  baseDelayMs: number;
  /** Upper bound of the delay between two attempts, in ms. */
  maxDelayMs: number;
}

/**
 * NOTE: AWS retries with exponential backoff and jitter on a schedule it does not
 * publish. This schedule is a local choice without jitter.
 */
export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

/** One event to send to one target of one rule. */
export interface DeliveryJob {
  event: EventBridgeEvent;
  ingestionTime: Date;
  ruleArn: string;
  ruleName: string;
  /** The target as it was when the event matched, so later PutTargets calls don't change it. */
  target: Target;
}

export interface DeliverySchedulerOptions {
  sqs: SqsTargetSender;
  logger: EventBridgeLogger;
  now: () => Date;
  backoff: RetryBackoff;
}

/**
 * Sends matched events to their targets after PutEvents returns. Each target receives
 * the events of one PutEvents call in entry order, one at a time, so a retrying target
 * delays only its own later events. Failed sends are retried per the target's
 * RetryPolicy and then sent to its dead-letter queue, or dropped and logged.
 */
export class DeliveryScheduler {
  private readonly pending = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: DeliverySchedulerOptions) {}

  /**
   * Starts delivering the jobs of one PutEvents call, on a later turn of the event loop.
   * The returned promise resolves when these jobs are done, retries included, and never
   * rejects.
   */
  schedule(jobs: readonly DeliveryJob[]): Promise<void> {
    const queues = new Map<string, DeliveryJob[]>();
    for (const job of jobs) {
      const key = `${job.ruleArn}\n${job.target.Id}`;
      const queue = queues.get(key) ?? [];
      queue.push(job);
      queues.set(key, queue);
    }
    const runs: Promise<void>[] = [];
    for (const queue of queues.values()) {
      const run = this.runQueue(queue).finally(() => this.pending.delete(run));
      this.pending.add(run);
      runs.push(run);
    }

    return Promise.all(runs).then(() => undefined);
  }

  /** Waits until every delivery scheduled so far, with its retries, has finished. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.all([...this.pending]);
    }
  }

  /**
   * Ends the waits between retries and waits for the sends in flight. Each event that was
   * waiting gets one last attempt. Sends that fail after this are not retried but dropped
   * and logged.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.drain();
  }

  private async runQueue(jobs: readonly DeliveryJob[]): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    for (const job of jobs) {
      try {
        await this.deliver(job);
      } catch (error) {
        this.options.logger.error('Event delivery failed unexpectedly, event lost', {
          ...jobFields(job),
          error,
        });
      }
    }
  }

  private retryDelayMs(retry: number): number {
    const { baseDelayMs, maxDelayMs } = this.options.backoff;

    return Math.min(baseDelayMs * 2 ** retry, maxDelayMs);
  }

  private async deliver(job: DeliveryJob): Promise<void> {
    const body = renderTargetInput(job.target, job);
    for (let retry = 0; ; retry += 1) {
      const failure = await this.attempt(job, body, retry);
      if (failure === undefined) {
        return;
      }
      const delayMs = await this.handleFailure(job, failure, retry);
      if (delayMs === undefined) {
        return;
      }
      const signal = this.stopping.signal;
      await sleep(delayMs, undefined, { signal }).catch(() => undefined);
    }
  }

  /** Sends the body once and returns the failure, or undefined when the send succeeded. */
  private async attempt(
    job: DeliveryJob,
    body: string,
    retry: number,
  ): Promise<DeliveryFailure | undefined> {
    try {
      await this.options.sqs.send(job.target.Arn, body);
      this.options.logger.debug('Delivered event', { ...jobFields(job), retries: retry });

      return undefined;
    } catch (error) {
      return classifyDeliveryError(error);
    }
  }

  /**
   * Decides what follows a failed send: returns the delay before the next retry, or
   * undefined once the event went to the dead-letter queue or was dropped.
   */
  private async handleFailure(
    job: DeliveryJob,
    failure: DeliveryFailure,
    retry: number,
  ): Promise<number | undefined> {
    const policy = job.target.RetryPolicy;
    const maxRetries = policy?.MaximumRetryAttempts ?? DEFAULT_MAX_RETRY_ATTEMPTS;
    const maxAgeSeconds = policy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS;
    const { logger, now } = this.options;
    const fields = { ...jobFields(job), errorCode: failure.code, error: failure.message };
    if (!failure.retryable) {
      await sendToDeadLetterQueue(this.options, job, failure, retry, undefined);
    } else if (this.stopping.signal.aborted) {
      logger.error('Event delivery failed while the service stops, event dropped', fields);
    } else if (retry >= maxRetries) {
      await sendToDeadLetterQueue(this.options, job, failure, retry, 'MaximumRetryAttempts');
    } else {
      const delayMs = this.retryDelayMs(retry);
      const ageMs = now().getTime() + delayMs - job.ingestionTime.getTime();
      if (ageMs <= maxAgeSeconds * 1000) {
        logger.warn('Event delivery failed, retrying', { ...fields, retry: retry + 1, delayMs });

        return delayMs;
      }
      await sendToDeadLetterQueue(this.options, job, failure, retry, 'MaximumEventAgeInSeconds');
    }

    return undefined;
  }
}
