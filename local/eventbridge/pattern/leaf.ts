import { InvalidExpressionError, invalidAt } from './errors';
import { exactAddressMatcher } from './cidr';
import { looksLikeIpAddress } from './ip-address';
import { isPlainObject, jsonTypeOf } from './json';
import { compileExpression } from './operators';
import type { Leaf, LeafValue, ValueMatcher } from './types';

/** The parts of a value list, gathered before the test function is built. */
interface LeafParts {
  readonly strings: Set<string>;
  readonly numbers: Set<number>;
  readonly literals: Set<boolean | null>;
  readonly matchers: ValueMatcher[];
  readonly wildcards: string[];
  acceptsAnyValue: boolean;
  allowsAbsence: boolean;
}

function addExactString(parts: LeafParts, text: string): void {
  parts.strings.add(text);
  const addressMatcher = looksLikeIpAddress(text) ? exactAddressMatcher(text) : undefined;
  if (addressMatcher !== undefined) {
    parts.matchers.push(addressMatcher);
  }
}

function addExpression(
  parts: LeafParts,
  expression: Record<string, unknown>,
  path: string,
): void {
  let compiled;
  try {
    compiled = compileExpression(expression);
  } catch (error) {
    if (error instanceof InvalidExpressionError) {
      throw invalidAt(path, error.message);
    }
    throw error;
  }
  if (compiled.kind === 'exists') {
    parts.acceptsAnyValue = true;
  } else if (compiled.kind === 'absent') {
    parts.allowsAbsence = true;
  } else {
    parts.matchers.push(compiled.matcher);
    parts.wildcards.push(...compiled.wildcards);
  }
}

function addValue(parts: LeafParts, value: unknown, path: string): void {
  if (typeof value === 'string') {
    addExactString(parts, value);
  } else if (typeof value === 'number') {
    parts.numbers.add(value);
  } else if (typeof value === 'boolean' || value === null) {
    parts.literals.add(value);
  } else if (isPlainObject(value)) {
    addExpression(parts, value, path);
  } else {
    const found = jsonTypeOf(value);
    throw invalidAt(
      path,
      'a match value must be a string, number, boolean, null or operator object, ' +
        `not ${found}`,
    );
  }
}

function buildTest(parts: LeafParts): ValueMatcher {
  if (parts.acceptsAnyValue) {
    return () => true;
  }
  const { strings, numbers, literals, matchers } = parts;

  return (value: LeafValue) => {
    if (typeof value === 'string') {
      if (strings.has(value)) {
        return true;
      }
    } else if (typeof value === 'number' ? numbers.has(value) : literals.has(value)) {
      return true;
    }
    for (const matcher of matchers) {
      if (matcher(value)) {
        return true;
      }
    }

    return false;
  };
}

/**
 * Compiles the value list of one pattern field. Exact values match by JSON type and
 * value: `"5"` never matches 5, while 5 matches 5.0. The list matches when any entry does.
 */
export function compileLeaf(values: readonly unknown[], path: string): Leaf {
  if (values.length === 0) {
    throw invalidAt(path, 'a value list must not be empty');
  }
  const parts: LeafParts = {
    strings: new Set(),
    numbers: new Set(),
    literals: new Set(),
    matchers: [],
    wildcards: [],
    acceptsAnyValue: false,
    allowsAbsence: false,
  };
  for (const value of values) {
    addValue(parts, value, path);
  }

  return {
    allowsAbsence: parts.allowsAbsence,
    test: buildTest(parts),
    wildcards: parts.wildcards,
  };
}
