/** A JSON value that can sit at a leaf of an event: the only values patterns compare. */
export type LeafValue = string | number | boolean | null;

/** Tests one event leaf value against one match expression of a pattern. */
export type ValueMatcher = (value: LeafValue) => boolean;

/** The compiled value list of one field, such as `"state": ["a", {"prefix": "b"}]`. */
export interface Leaf {
  /** True when the list contains `{"exists": false}`: the field may be missing. */
  readonly allowsAbsence: boolean;
  /** Returns whether one event value satisfies any expression of the list. */
  readonly test: ValueMatcher;
  /** Wildcard strings of `wildcard` and `anything-but` `wildcard` expressions. */
  readonly wildcards: readonly string[];
}

/** One lookup choice inside an event object: a key and the path segment it leads to. */
export interface PathStep {
  readonly key: string;
  readonly next: number;
}

/**
 * A dot-joined field path. `steps[i]` lists the keys that can continue the path from
 * segment `i`. EventBridge joins nested keys with dots, so `a.b` is reached through
 * `{"a": {"b": …}}` and through `{"a.b": …}` alike.
 */
export interface FieldPath {
  readonly text: string;
  readonly segmentCount: number;
  readonly steps: readonly (readonly PathStep[])[];
}

/** One field test of a branch. `pathIndex` points into `PatternProgram.paths`. */
export interface BranchField {
  readonly pathIndex: number;
  readonly leaf: Leaf;
}

/** One alternative after `$or` expansion: all fields must match, sorted by path. */
export interface Branch {
  readonly fields: readonly BranchField[];
}

declare const compiledPatternBrand: unique symbol;

/** A validated event pattern for `matchesEventPattern`. Its contents are private. */
export interface CompiledPattern {
  readonly [compiledPatternBrand]: true;
}

/** The internal form behind `CompiledPattern`. */
export interface PatternProgram {
  readonly paths: readonly FieldPath[];
  readonly branches: readonly Branch[];
}
