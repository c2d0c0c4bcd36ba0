/** Base of the exponential backoff between attempts, in milliseconds. */
const BASE_DELAY_MS = 10;

/** Upper bound of one backoff delay, in milliseconds. */
const MAX_DELAY_MS = 500;

/**
 * Waits a random time up to BASE_DELAY_MS * 2^attempt (at most MAX_DELAY_MS), so that
 * writers that conflicted do not retry in lockstep ("full jitter").
 */
export function backoff(attempt: number, random: () => number = Math.random): Promise<void> {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);

  return new Promise((resolve) => setTimeout(resolve, Math.floor(random() * ceiling)));
}

/**
 * Runs `attempt` until it returns a result other than a conflict, waiting with backoff
 * between tries. Returns that result, or throws `exhausted()` after `maxAttempts` conflicts.
 * `onConflict` receives the number of the attempt that conflicted, for logging.
 */
export async function retryOnConflict<Result>(options: {
  maxAttempts: number;
  attempt: () => Promise<Result>;
  isConflict: (result: Result) => boolean;
  onConflict: (attempt: number) => void;
  exhausted: () => Error;
}): Promise<Result> {
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    const result = await options.attempt();
    if (!options.isConflict(result)) {
      return result;
    }
    options.onConflict(attempt);
    await backoff(attempt);
  }

  throw options.exhausted();
}
