import type { Clock, IdGenerator } from '../../../lib/runtime';

/** Returns UUID v4 strings 00000000-0000-4000-8000-000000000001, ...0002, and so on. */
export function sequentialIds(): IdGenerator {
  let next = 0;

  return () => {
    next += 1;

    return `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`;
  };
}

export const FIXED_TIME = new Date('2025-01-15T10:00:00.000Z');

export const fixedClock: Clock = () => FIXED_TIME;
