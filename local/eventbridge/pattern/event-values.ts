import type { FieldPath, LeafValue } from './types';

/**
 * The array elements a value was reached through, as a linked list from the innermost
 * element outwards. A value outside every array has the membership null.
 */
export interface Membership {
  readonly array: readonly unknown[];
  readonly index: number;
  readonly outer: Membership | null;
}

/** The leaf values found at one path, with the membership of each (parallel arrays). */
export interface FieldValues {
  readonly values: LeafValue[];
  readonly memberships: (Membership | null)[];
  /** True when at least one value was reached through an array. */
  inArray: boolean;
}

function isLeafValue(node: unknown): node is LeafValue {
  const type = typeof node;

  return node === null || type === 'string' || type === 'number' || type === 'boolean';
}

/**
 * Reads an own property. JSON objects never hold undefined or functions, so those results
 * come from the prototype and count as missing; `__proto__` needs the explicit check.
 */
function readOwn(node: object, key: string): unknown {
  const child = (node as Record<string, unknown>)[key];
  if (child === undefined || typeof child === 'function') {
    return undefined;
  }
  if (key === '__proto__' && !Object.hasOwn(node, key)) {
    return undefined;
  }

  return child;
}

function visit(
  node: unknown,
  path: FieldPath,
  segment: number,
  membership: Membership | null,
  found: FieldValues,
): void {
  if (Array.isArray(node)) {
    // EventBridge flattens arrays of any depth, so each element replaces the array.
    for (let index = 0; index < node.length; index++) {
      visit(node[index], path, segment, { array: node, index, outer: membership }, found);
    }
    return;
  }
  if (segment === path.segmentCount) {
    if (isLeafValue(node)) {
      found.values.push(node);
      found.memberships.push(membership);
      found.inArray ||= membership !== null;
    }
    return;
  }
  if (typeof node !== 'object' || node === null) {
    return;
  }
  const steps = path.steps[segment] ?? [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as (typeof steps)[number];
    const child = readOwn(node, step.key);
    if (child !== undefined) {
      visit(child, path, step.next, membership, found);
    }
  }
}

/**
 * Collects the leaf values whose dot-joined key path equals `path`. Objects are not leaf
 * values, so a path that ends at an object has no values; an empty array has none either.
 */
export function collectFieldValues(event: object, path: FieldPath): FieldValues {
  const found: FieldValues = { values: [], memberships: [], inArray: false };
  visit(event, path, 0, null, found);

  return found;
}

function indexIn(membership: Membership | null, array: readonly unknown[]): number {
  for (let entry = membership; entry !== null; entry = entry.outer) {
    if (entry.array === array) {
      return entry.index;
    }
  }

  return -1;
}

/** Returns whether two values can come from one element of every array they share. */
export function isConsistent(a: Membership | null, b: Membership | null): boolean {
  for (let entry = a; entry !== null; entry = entry.outer) {
    const other = indexIn(b, entry.array);
    if (other >= 0 && other !== entry.index) {
      return false;
    }
  }

  return true;
}

/** Combines two consistent memberships. */
export function mergeMemberships(
  a: Membership | null,
  b: Membership | null,
): Membership | null {
  let merged = a;
  for (let entry = b; entry !== null; entry = entry.outer) {
    if (indexIn(a, entry.array) < 0) {
      merged = { array: entry.array, index: entry.index, outer: merged };
    }
  }

  return merged;
}
