import { validationError } from './errors';

/** Steps of a parsed JSONPath: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/** One step: `.key`, `[index]`, `['key']` or `["key"]`. */
const stepPattern = /\.([^.[\]\s*]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;

/**
 * Parses the JSONPath subset that targets use locally: `$` followed by dot keys, bracket
 * keys and array indexes, such as `$.detail.items[0].sku`. Wildcards and filters, which
 * EventBridge partly supports, are rejected with a ValidationException naming `field`.
 */
export function parseJsonPath(field: string, path: string): JsonPath {
  if (!path.startsWith('$')) {
    const message = `${field} "${path}" is not a valid JSONPath: it must start with "$".`;
    throw validationError(message);
  }
  const steps: (string | number)[] = [];
  stepPattern.lastIndex = 1;
  while (stepPattern.lastIndex < path.length) {
    const start = stepPattern.lastIndex;
    const match = stepPattern.exec(path);
    if (!match) {
      throw validationError(
        `${field} "${path}" is not supported locally at position ${start}: use $, .key, ` +
          `['key'] or [index] steps; wildcards and filters are not emulated.`,
      );
    }
    const [, dotKey, index, singleQuoted, doubleQuoted] = match;
    if (index === undefined) {
      steps.push(dotKey ?? singleQuoted ?? doubleQuoted ?? '');
    } else {
      steps.push(Number(index));
    }
  }

  return steps;
}

/** Returns the value at `path`, or undefined when the path leads nowhere. */
export function evaluateJsonPath(path: JsonPath, root: unknown): unknown {
  let current: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') {
      current = Array.isArray(current) ? current[step] : undefined;
    } else if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
      const object = current as Record<string, unknown>;
      current = Object.hasOwn(object, step) ? object[step] : undefined;
    } else {
      current = undefined;
    }
    if (current === undefined) {
      return undefined;
    }
  }

  return current;
}
