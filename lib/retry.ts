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
