import { createHash } from 'node:crypto';

/** Maximum length of an Idempotency-Key. A longer key gets a 400. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Returns the SHA-256 hex digest of the value serialized with sorted object keys. */
export function hashCanonicalJson(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** Serializes to JSON with object keys in sorted order, so key order does not matter. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([left], [right]) => compareKeys(left, right))
      .map(([key, child]) => [key, sortKeys(child)]);

    return Object.fromEntries(entries);
  }

  return value;
}

function compareKeys(left: string, right: string): number {
  if (left === right) {
    return 0;
  }

  return left < right ? -1 : 1;
}
