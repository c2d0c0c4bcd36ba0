import { InvalidExpressionError } from './errors';
import { numericValueProblem } from './numeric';
import { isPlainObject } from './json';
import { matchesWildcard, parseWildcard } from './wildcard';
import type { WildcardParts } from './wildcard';
import type { LeafValue, ValueMatcher } from './types';

/** A compiled anything-but: its matcher and the wildcard texts for complexity checks. */
export interface AnythingBut {
  readonly matcher: ValueMatcher;
  readonly wildcards: readonly string[];
}

/** Tests one string against one excluded value of an anything-but object form. */
type StringTest = (value: string) => boolean;

function excludedStrings(values: ReadonlySet<string>): ValueMatcher {
  return (value: LeafValue) => !(typeof value === 'string' && values.has(value));
}

function excludedNumbers(values: ReadonlySet<number>): ValueMatcher {
  return (value: LeafValue) => !(typeof value === 'number' && values.has(value));
}

function readNumber(value: number): number {
  const problem = numericValueProblem(value);
  if (problem !== undefined) {
    throw new InvalidExpressionError(`anything-but number ${problem}`);
  }

  return value;
}

function listMatcher(values: readonly unknown[]): ValueMatcher {
  if (values.every((value) => typeof value === 'string') && values.length > 0) {
    return excludedStrings(new Set(values));
  }
  if (values.every((value) => typeof value === 'number') && values.length > 0) {
    return excludedNumbers(new Set(values.map(readNumber)));
  }
  throw new InvalidExpressionError(
    'an anything-but list must contain at least one value, and only strings or only numbers',
  );
}

function readStrings(operator: string, operand: unknown): string[] {
  const values = Array.isArray(operand) ? operand : [operand];
  if (!values.every((value) => typeof value === 'string')) {
    throw new InvalidExpressionError(
      `anything-but ${operator} takes a string or an array of strings`,
    );
  }
  if ((operator === 'prefix' || operator === 'suffix') && values.includes('')) {
    throw new InvalidExpressionError(`anything-but ${operator} must not be empty`);
  }

  return values;
}

function parseWildcardOrThrow(text: string): WildcardParts {
  const parsed = parseWildcard(text);
  if ('error' in parsed) {
    throw new InvalidExpressionError(`anything-but wildcard "${text}": ${parsed.error}`);
  }

  return parsed.parts;
}

function stringTests(operator: string, values: readonly string[]): StringTest[] {
  switch (operator) {
    case 'prefix':
      return values.map((prefix) => (value) => value.startsWith(prefix));
    case 'suffix':
      return values.map((suffix) => (value) => value.endsWith(suffix));
    case 'equals-ignore-case':
      return values.map((excluded) => {
        const lower = excluded.toLowerCase();
        return (value) => value.toLowerCase() === lower;
      });
    default: {
      const parsed = values.map(parseWildcardOrThrow);
      return parsed.map((parts) => (value) => matchesWildcard(value, parts));
    }
  }
}

const OBJECT_FORMS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'wildcard']);

function objectForm(operand: Record<string, unknown>): AnythingBut {
  const keys = Object.keys(operand);
  const [operator] = keys;
  if (operator === undefined || keys.length > 1) {
    throw new InvalidExpressionError(
      'an anything-but object takes exactly one of prefix, suffix, equals-ignore-case ' +
        'or wildcard',
    );
  }
  if (!OBJECT_FORMS.has(operator)) {
    throw new InvalidExpressionError(`anything-but does not support "${operator}"`);
  }
  const values = readStrings(operator, operand[operator]);
  const tests = stringTests(operator, values);
  const matcher = (value: LeafValue) =>
    typeof value !== 'string' || !tests.some((test) => test(value));

  return { matcher, wildcards: operator === 'wildcard' ? values : [] };
}

/**
 * Compiles the operand of `anything-but`: a string, a number, a list of only strings or
 * only numbers, or an object with `prefix`, `suffix`, `equals-ignore-case` or `wildcard`
 * and a string or list of strings. An event value of another JSON type, null included,
 * always matches.
 */
export function compileAnythingBut(operand: unknown): AnythingBut {
  if (typeof operand === 'string') {
    return { matcher: excludedStrings(new Set([operand])), wildcards: [] };
  }
  if (typeof operand === 'number') {
    return { matcher: excludedNumbers(new Set([readNumber(operand)])), wildcards: [] };
  }
  if (Array.isArray(operand)) {
    return { matcher: listMatcher(operand), wildcards: [] };
  }
  if (isPlainObject(operand)) {
    return objectForm(operand);
  }
  throw new InvalidExpressionError(
    'anything-but takes a string, a number, an array, or an object such as ' +
      '{"prefix": "a"}',
  );
}
