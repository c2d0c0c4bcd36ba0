import { InvalidEventPatternError, invalidAt } from './errors';
import { isPlainObject, jsonTypeOf } from './json';
import { compileLeaf } from './leaf';
import { OPERATOR_NAMES } from './operators';
import { checkWildcardComplexity } from './complexity-check';
import type { Branch, CompiledPattern, FieldPath, Leaf, PatternProgram } from './types';

/** Fields of one `$or` alternative during the walk, keyed by dot-joined path. */
type DraftBranch = Map<string, Leaf>;

/**
 * Field names EventBridge rejects inside `$or`: the operators, the numeric comparison
 * symbols and names it keeps for future operators.
 */
const RESERVED_IN_OR = new Set([
  ...OPERATOR_NAMES,
  ...['exactly', '=', '<', '<=', '>', '>=', 'regex'],
  ...['not-wildcard', 'not-equals-ignore-case'],
  ...['date-after', 'date-on-or-after', 'date-before', 'date-on-or-before'],
  ...['in-date-range', 'ip-address-in-range', 'ip-address-not-in-range'],
]);

const OR_KEY = '$or';

/**
 * Largest number of alternatives after `$or` expansion; sibling `$or` arrays multiply.
 * NOTE: this guard keeps compilation bounded and is not a documented EventBridge limit.
 */
const MAX_BRANCHES = 10_000;

function describe(value: unknown): string {
  return `${jsonTypeOf(value)} ${JSON.stringify(value)}`;
}

function writeLeaf(
  branches: DraftBranch[],
  path: string,
  values: unknown[],
): DraftBranch[] {
  const leaf = compileLeaf(values, path);
  const targets = branches.length > 0 ? branches : [new Map<string, Leaf>()];
  // A later occurrence of the same path replaces the earlier one, as in EventBridge.
  targets.forEach((branch) => branch.set(path, leaf));

  return targets;
}

function expandOr(
  alternatives: unknown,
  segments: readonly string[],
  branches: DraftBranch[],
): DraftBranch[] {
  const where = [...segments, OR_KEY].join('.');
  if (!Array.isArray(alternatives)) {
    const found = jsonTypeOf(alternatives);
    throw invalidAt(where, `$or takes an array of objects, not ${found}`);
  }
  const expanded: DraftBranch[] = [];
  for (const alternative of alternatives) {
    if (!isPlainObject(alternative)) {
      const found = describe(alternative);
      throw invalidAt(where, `each $or alternative must be an object, not ${found}`);
    }
    const copies = branches.length > 0 ? branches.map((branch) => new Map(branch)) : [];
    expanded.push(...walkObject(alternative, segments, copies, true));
  }
  if (alternatives.length < 2) {
    throw invalidAt(where, '$or needs at least two alternatives');
  }
  if (expanded.length > MAX_BRANCHES) {
    throw invalidAt(where, `$or expands to more than ${MAX_BRANCHES} alternatives`);
  }

  return expanded;
}

function walkField(
  key: string,
  value: unknown,
  segments: readonly string[],
  branches: DraftBranch[],
  insideOr: boolean,
): DraftBranch[] {
  const fieldSegments = [...segments, key];
  const path = fieldSegments.join('.');
  if (insideOr && RESERVED_IN_OR.has(key)) {
    throw invalidAt(path, `"${key}" is reserved and cannot be a field name inside $or`);
  }
  if (isPlainObject(value)) {
    return walkObject(value, fieldSegments, branches, insideOr);
  }
  if (Array.isArray(value)) {
    return writeLeaf(branches, path, value);
  }
  throw invalidAt(
    path,
    `the value must be an array of match values or an object, not ${describe(value)}`,
  );
}

function walkObject(
  node: Record<string, unknown>,
  segments: readonly string[],
  branches: DraftBranch[],
  insideOr: boolean,
): DraftBranch[] {
  const keys = Object.keys(node);
  if (keys.length === 0) {
    if (segments.length === 0 && !insideOr) {
      throw new InvalidEventPatternError('the event pattern must have at least one field');
    }
    const where = segments.length > 0 ? segments.join('.') : OR_KEY;
    throw invalidAt(where, 'an object in an event pattern must have at least one field');
  }
  let current = branches;
  for (const key of keys) {
    current =
      key === OR_KEY
        ? expandOr(node[key], segments, current)
        : walkField(key, node[key], segments, current, insideOr);
  }

  return current;
}

function buildFieldPath(text: string): FieldPath {
  const segments = text.split('.');
  const steps = segments.map((_, start) =>
    segments.slice(start).map((__, offset) => ({
      key: segments.slice(start, start + offset + 1).join('.'),
      next: start + offset + 1,
    })),
  );

  return { text, segmentCount: segments.length, steps };
}

/** Orders strings by UTF-16 code units, as Java's String.compareTo does in EventBridge. */
function compareCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }

  return a < b ? -1 : 1;
}

function buildProgram(drafts: readonly DraftBranch[]): PatternProgram {
  const pathIndexes = new Map<string, number>();
  const paths: FieldPath[] = [];
  const branches: Branch[] = drafts.map((draft) => {
    // Fields are tested in path order, which decides how {"exists": false} meets arrays.
    const sorted = [...draft.entries()].sort(([a], [b]) => compareCodeUnits(a, b));
    const fields = sorted.map(([text, leaf]) => {
      let pathIndex = pathIndexes.get(text);
      if (pathIndex === undefined) {
        pathIndex = paths.length;
        pathIndexes.set(text, pathIndex);
        paths.push(buildFieldPath(text));
      }
      return { pathIndex, leaf };
    });
    return { fields };
  });

  return { paths, branches };
}

function parsePatternJson(patternJson: string): Record<string, unknown> {
  let pattern: unknown;
  try {
    pattern = JSON.parse(patternJson);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidEventPatternError(`the event pattern is not valid JSON: ${reason}`, {
      cause: error,
    });
  }
  if (!isPlainObject(pattern)) {
    throw new InvalidEventPatternError(
      `the event pattern must be a JSON object, not ${jsonTypeOf(pattern)}`,
    );
  }

  return pattern;
}

/**
 * Parses and validates an event pattern given as JSON text. Throws
 * InvalidEventPatternError where EventBridge raises InvalidEventPatternException: invalid
 * JSON, a structure or operand it rejects, or wildcard values that are too complex.
 */
export function compileEventPattern(patternJson: string): CompiledPattern {
  const pattern = parsePatternJson(patternJson);
  const drafts = walkObject(pattern, [], [], false);
  checkWildcardComplexity(drafts);

  return buildProgram(drafts) as unknown as CompiledPattern;
}
