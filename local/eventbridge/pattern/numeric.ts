import { InvalidExpressionError } from './errors';
import type { LeafValue, ValueMatcher } from './types';

/**
 * Numeric matching is limited to values between -5.0e9 and +5.0e9 inclusive, as the
 * EventBridge content-filtering documentation states. Operands outside are rejected and
 * event values outside never match a numeric expression.
 * NOTE: the documentation also states six digits after the decimal point; values here are
 * compared as IEEE 754 doubles, without rounding to six decimals.
 */
export const NUMERIC_LIMIT = 5e9;

const LOWER_OPERATORS = new Set(['>', '>=']);
const UPPER_OPERATORS = new Set(['<', '<=']);
const ALL_OPERATORS = new Set(['=', '<', '<=', '>', '>=']);

/** A numeric interval. An undefined bound is open-ended. */
interface NumericRange {
  lower?: number;
  lowerInclusive: boolean;
  upper?: number;
  upperInclusive: boolean;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Returns why a value cannot be used in numeric matching, or undefined if it can. */
export function numericValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${show(value)} is not a number`;
  }
  if (Math.abs(value) > NUMERIC_LIMIT) {
    return `${value} is out of range: numeric values must be between -5.0e9 and 5.0e9`;
  }

  return undefined;
}

function readOperand(operator: string, operand: unknown): number {
  const problem = numericValueProblem(operand);
  if (problem !== undefined) {
    throw new InvalidExpressionError(
      `numeric operator "${operator}" needs a number: ${problem}`,
    );
  }

  return operand as number;
}

function readOperator(operator: unknown, allowed: ReadonlySet<string>): string {
  if (typeof operator !== 'string' || !allowed.has(operator)) {
    const names = [...allowed].join(', ');
    throw new InvalidExpressionError(
      `numeric operator ${show(operator)} is not supported here; use one of ${names}`,
    );
  }

  return operator;
}

function applyComparison(range: NumericRange, operator: string, operand: number): void {
  if (operator === '=') {
    range.lower = operand;
    range.upper = operand;
    range.lowerInclusive = true;
    range.upperInclusive = true;
  } else if (LOWER_OPERATORS.has(operator)) {
    range.lower = operand;
    range.lowerInclusive = operator === '>=';
  } else {
    range.upper = operand;
    range.upperInclusive = operator === '<=';
  }
}

function readUpperBound(terms: readonly unknown[], range: NumericRange): void {
  const operator = readOperator(terms[2], UPPER_OPERATORS);
  applyComparison(range, operator, readOperand(operator, terms[3]));
  if ((range.lower ?? 0) >= (range.upper ?? 0)) {
    throw new InvalidExpressionError(
      'the lower bound of a numeric range must be less than the upper bound',
    );
  }
  if (terms.length > 4) {
    throw new InvalidExpressionError('a numeric range takes at most two comparisons');
  }
}

/**
 * Parses the array of a `numeric` expression: one comparison, or a lower bound (`>`, `>=`)
 * followed by an upper bound (`<`, `<=`). Throws InvalidExpressionError on any other form.
 */
export function parseNumericRange(terms: unknown): NumericRange {
  if (!Array.isArray(terms) || terms.length === 0) {
    throw new InvalidExpressionError(
      'numeric takes a non-empty array such as [">", 0, "<=", 5]',
    );
  }
  const operator = readOperator(terms[0], ALL_OPERATORS);
  const range: NumericRange = { lowerInclusive: false, upperInclusive: false };
  applyComparison(range, operator, readOperand(operator, terms[1]));
  if (terms.length <= 2) {
    return range;
  }
  if (!LOWER_OPERATORS.has(operator)) {
    throw new InvalidExpressionError(
      `numeric operator "${operator}" cannot be followed by another comparison`,
    );
  }
  readUpperBound(terms, range);

  return range;
}

function isInRange(range: NumericRange, value: number): boolean {
  const { lower, upper } = range;
  if (lower !== undefined && (range.lowerInclusive ? value < lower : value <= lower)) {
    return false;
  }

  return upper === undefined || (range.upperInclusive ? value <= upper : value < upper);
}

/** Builds a matcher for JSON numbers in the range. A string such as "5" never matches. */
export function numericMatcher(range: NumericRange): ValueMatcher {
  return (value: LeafValue) =>
    typeof value === 'number' &&
    Math.abs(value) <= NUMERIC_LIMIT &&
    isInRange(range, value);
}
