/** Returns whether a parsed JSON value is an object (not an array and not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the name of a JSON value's type for messages: string, number, array, … */
export function jsonTypeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }

  return Array.isArray(value) ? 'array' : typeof value;
}
