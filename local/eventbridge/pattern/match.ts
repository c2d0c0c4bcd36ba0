import { collectFieldValues, isConsistent, mergeMemberships } from './event-values';
import { isPlainObject } from './json';
import type { FieldValues, Membership } from './event-values';
import type { Branch, BranchField, CompiledPattern, PatternProgram } from './types';

/** One field of a branch during matching: its values and the indexes the leaf accepts. */
interface FieldState {
  readonly field: BranchField;
  readonly found: FieldValues;
  readonly accepted: readonly number[];
}

function acceptedIndexes(field: BranchField, found: FieldValues): number[] {
  const accepted: number[] = [];
  found.values.forEach((value, index) => {
    if (field.leaf.test(value)) {
      accepted.push(index);
    }
  });

  return accepted;
}

/** Returns whether no value of the field fits the array elements in `membership`. */
function isAbsent(found: FieldValues, membership: Membership | null): boolean {
  return !found.memberships.some((other) => isConsistent(other, membership));
}

/**
 * Chooses one value per field, in path order, so that all chosen values come from the
 * same element of every array they share. `{"exists": false}` holds when no value of its
 * path fits the elements chosen so far. This is EventBridge's array-consistent matching.
 */
function search(
  states: readonly FieldState[],
  index: number,
  membership: Membership | null,
): boolean {
  const state = states[index];
  if (state === undefined) {
    return true;
  }
  const { found, accepted } = state;
  if (state.field.leaf.allowsAbsence && isAbsent(found, membership)) {
    if (search(states, index + 1, membership)) {
      return true;
    }
  }
  for (const valueIndex of accepted) {
    const other = found.memberships[valueIndex] ?? null;
    if (isConsistent(other, membership)) {
      if (search(states, index + 1, mergeMemberships(membership, other))) {
        return true;
      }
    }
  }

  return false;
}

function lookUp(
  program: PatternProgram,
  field: BranchField,
  event: object,
  cache: (FieldValues | undefined)[],
): FieldValues | undefined {
  let found = cache[field.pathIndex];
  if (found === undefined) {
    const path = program.paths[field.pathIndex];
    found = path === undefined ? undefined : collectFieldValues(event, path);
    cache[field.pathIndex] = found;
  }

  return found;
}

function matchesOnItsOwn(field: BranchField, found: FieldValues): boolean {
  const { values } = found;
  if (values.length === 0) {
    return field.leaf.allowsAbsence;
  }
  for (const value of values) {
    if (field.leaf.test(value)) {
      return true;
    }
  }

  return false;
}

function matchesBranch(
  program: PatternProgram,
  branch: Branch,
  event: object,
  cache: (FieldValues | undefined)[],
): boolean {
  let arrayFields: FieldState[] | undefined;
  for (const field of branch.fields) {
    const found = lookUp(program, field, event, cache);
    if (found === undefined) {
      return false;
    }
    if (!found.inArray) {
      // Values outside arrays fit any choice of array elements, so each is checked alone.
      if (!matchesOnItsOwn(field, found)) {
        return false;
      }
      continue;
    }
    const accepted = acceptedIndexes(field, found);
    if (accepted.length === 0 && !field.leaf.allowsAbsence) {
      return false;
    }
    arrayFields ??= [];
    arrayFields.push({ field, found, accepted });
  }

  // Fields with values inside arrays need one joint choice of array elements.
  return arrayFields === undefined || search(arrayFields, 0, null);
}

/**
 * Returns whether a parsed event matches a compiled pattern. Events that are not JSON
 * objects never match.
 */
export function matchesEventPattern(pattern: CompiledPattern, event: unknown): boolean {
  if (!isPlainObject(event)) {
    return false;
  }
  const program = pattern as unknown as PatternProgram;
  const cache = new Array<FieldValues | undefined>(program.paths.length);
  for (const branch of program.branches) {
    if (matchesBranch(program, branch, event, cache)) {
      return true;
    }
  }

  return false;
}
