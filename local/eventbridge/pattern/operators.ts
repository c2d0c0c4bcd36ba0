import { compileAnythingBut } from './anything-but';
import { InvalidExpressionError } from './errors';
import { networkMatcher, parseCidr } from './cidr';
import { isPlainObject, jsonTypeOf } from './json';
import { numericMatcher, parseNumericRange } from './numeric';
import { matchesWildcard, parseWildcard } from './wildcard';
import type { LeafValue, ValueMatcher } from './types';

/** One compiled match expression, such as `{"prefix": "a"}` or `{"exists": false}`. */
export type Expression =
  | {
      readonly kind: 'value';
      readonly matcher: ValueMatcher;
      readonly wildcards: string[];
    }
  | { readonly kind: 'exists' }
  | { readonly kind: 'absent' };

function valueExpression(matcher: ValueMatcher, wildcards: string[] = []): Expression {
  return { kind: 'value', matcher, wildcards };
}

function readString(operator: string, operand: unknown): string {
  if (typeof operand !== 'string') {
    throw new InvalidExpressionError(
      `${operator} takes a string, not ${jsonTypeOf(operand)} ${JSON.stringify(operand)}`,
    );
  }

  return operand;
}

/** An operand of prefix or suffix: `"text"` or `{"equals-ignore-case": "text"}`. */
interface Affix {
  readonly text: string;
  readonly ignoreCase: boolean;
}

function readAffix(operator: string, operand: unknown): Affix {
  if (!isPlainObject(operand)) {
    return { text: readString(operator, operand), ignoreCase: false };
  }
  const keys = Object.keys(operand);
  if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') {
    throw new InvalidExpressionError(
      `${operator} takes a string or {"equals-ignore-case": string}, ` +
        `not an object with keys ${keys.join(', ')}`,
    );
  }
  const inner = operand['equals-ignore-case'];
  const text = readString(`${operator} equals-ignore-case`, inner);

  return { text, ignoreCase: true };
}

function prefixExpression(operand: unknown): Expression {
  const { text, ignoreCase } = readAffix('prefix', operand);
  if (!ignoreCase) {
    return valueExpression(
      (value) => typeof value === 'string' && value.startsWith(text),
    );
  }
  const lower = text.toLowerCase();

  return valueExpression(
    (value) => typeof value === 'string' && value.toLowerCase().startsWith(lower),
  );
}

function suffixExpression(operand: unknown): Expression {
  const { text, ignoreCase } = readAffix('suffix', operand);
  if (!ignoreCase) {
    return valueExpression(
      (value) => typeof value === 'string' && value.endsWith(text),
    );
  }
  const lower = text.toLowerCase();

  return valueExpression(
    (value) => typeof value === 'string' && value.toLowerCase().endsWith(lower),
  );
}

function equalsIgnoreCaseExpression(operand: unknown): Expression {
  const lower = readString('equals-ignore-case', operand).toLowerCase();

  return valueExpression(
    (value) => typeof value === 'string' && value.toLowerCase() === lower,
  );
}

function wildcardExpression(operand: unknown): Expression {
  const text = readString('wildcard', operand);
  const parsed = parseWildcard(text);
  if ('error' in parsed) {
    throw new InvalidExpressionError(`wildcard "${text}": ${parsed.error}`);
  }
  const { parts } = parsed;
  const matcher = (value: LeafValue) =>
    typeof value === 'string' && matchesWildcard(value, parts);

  return valueExpression(matcher, [text]);
}

function cidrExpression(operand: unknown): Expression {
  const network = parseCidr(readString('cidr', operand));
  if (typeof network === 'string') {
    throw new InvalidExpressionError(`cidr "${String(operand)}": ${network}`);
  }

  return valueExpression(networkMatcher(network));
}

function existsExpression(operand: unknown): Expression {
  if (typeof operand !== 'boolean') {
    const found = JSON.stringify(operand);
    throw new InvalidExpressionError(`exists takes true or false, not ${found}`);
  }

  return operand ? { kind: 'exists' } : { kind: 'absent' };
}

function anythingButExpression(operand: unknown): Expression {
  const { matcher, wildcards } = compileAnythingBut(operand);

  return valueExpression(matcher, [...wildcards]);
}

const OPERATORS: Readonly<Record<string, (operand: unknown) => Expression>> = {
  prefix: prefixExpression,
  suffix: suffixExpression,
  'equals-ignore-case': equalsIgnoreCaseExpression,
  wildcard: wildcardExpression,
  numeric: (operand) => valueExpression(numericMatcher(parseNumericRange(operand))),
  cidr: cidrExpression,
  exists: existsExpression,
  'anything-but': anythingButExpression,
};

/** Names of the comparison operators, which may not be field names inside `$or`. */
export const OPERATOR_NAMES: ReadonlySet<string> = new Set(Object.keys(OPERATORS));

/** Compiles one object of a pattern's value list. Operator names are case-sensitive. */
export function compileExpression(expression: Record<string, unknown>): Expression {
  const keys = Object.keys(expression);
  const [operator] = keys;
  if (operator === undefined) {
    throw new InvalidExpressionError(
      'a match expression must name one operator, such as {"prefix": "a"}',
    );
  }
  if (keys.length > 1) {
    throw new InvalidExpressionError(
      `a match expression takes exactly one operator, found ${keys.join(', ')}`,
    );
  }
  const compile = Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
  if (compile === undefined) {
    const known = Object.keys(OPERATORS).join(', ');
    throw new InvalidExpressionError(
      `unknown operator "${operator}": use one of ${known} (names are case-sensitive)`,
    );
  }

  return compile(expression[operator]);
}
