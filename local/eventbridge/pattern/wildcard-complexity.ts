import type { WildcardParts } from './wildcard';

/**
 * Largest allowed number of wildcard positions one event value can keep open at once.
 * NOTE: EventBridge does not publish its threshold, so 10 is an estimate. It accepts
 * `arn:aws:events:us-east-1:*:event-bus/*` and a wildcard followed by `/dir` five times,
 * as AWS does, and rejects `*:*:*:*:*:event-bus/*` and the list `*.bif`, `*.tif`,
 * `*.tiff`, `*.svs`, which AWS rejects with "Rule is too complex".
 */
export const MAX_WILDCARD_COMPLEXITY = 10;

/** Explored state sets are capped so that evaluation time stays bounded. */
const MAX_EXPLORED_SETS = 20_000;

const STAR = -1;

/** One pattern as tokens: character codes, with STAR for a wildcard. */
type Tokens = readonly number[];

function toTokens(parts: WildcardParts): Tokens {
  const tokens: number[] = [];
  parts.forEach((part, index) => {
    if (index > 0) {
      tokens.push(STAR);
    }
    for (let i = 0; i < part.length; i++) {
      tokens.push(part.charCodeAt(i));
    }
  });

  return tokens;
}

/** Adds position `p` of pattern `k` and the positions a wildcard can skip to. */
function addClosed(set: Set<string>, all: readonly Tokens[], k: number, p: number): void {
  const tokens = all[k] ?? [];
  let position = p;
  set.add(`${k}:${position}`);
  while (tokens[position] === STAR) {
    position++;
    set.add(`${k}:${position}`);
  }
}

function step(set: Set<string>, all: readonly Tokens[], char: number): Set<string> {
  const next = new Set<string>();
  for (const state of set) {
    const [k = 0, p = 0] = state.split(':').map(Number);
    const token = all[k]?.[p];
    if (token === STAR) {
      addClosed(next, all, k, p);
    } else if (token === char) {
      addClosed(next, all, k, p + 1);
    }
  }

  return next;
}

/** Counts the open positions, leaving out positions where a pattern has fully matched. */
function openCount(set: Set<string>, all: readonly Tokens[]): number {
  let count = 0;
  for (const state of set) {
    const [k = 0, p = 0] = state.split(':').map(Number);
    if (p < (all[k]?.length ?? 0)) {
      count++;
    }
  }

  return count;
}

function alphabetOf(all: readonly Tokens[]): number[] {
  const chars = new Set<number>();
  all.forEach((tokens) => tokens.forEach((token) => token !== STAR && chars.add(token)));
  // One code that no pattern uses represents every other character.
  let other = 0;
  while (chars.has(other)) {
    other++;
  }

  return [...chars, other];
}

/**
 * Estimates how many wildcard positions the patterns of one field can keep open at once
 * for the worst-case event value, by walking the sets of states of their combined
 * automaton. EventBridge rejects fields where this grows too large. Returns the first
 * count above MAX_WILDCARD_COMPLEXITY as soon as one is found.
 */
export function wildcardComplexity(patterns: readonly WildcardParts[]): number {
  const all = patterns.map(toTokens);
  const start = new Set<string>();
  all.forEach((_, k) => addClosed(start, all, k, 0));
  const alphabet = alphabetOf(all);
  const seen = new Set<string>();
  const pending = [start];
  let maximum = openCount(start, all);
  while (pending.length > 0 && seen.size < MAX_EXPLORED_SETS) {
    const current = pending.pop() ?? new Set<string>();
    for (const char of alphabet) {
      const next = step(current, all, char);
      const key = [...next].sort().join(' ');
      if (next.size === 0 || seen.has(key)) {
        continue;
      }
      seen.add(key);
      maximum = Math.max(maximum, openCount(next, all));
      if (maximum > MAX_WILDCARD_COMPLEXITY) {
        // Past the limit the exact maximum does not matter, so the walk stops early.
        return maximum;
      }
      pending.push(next);
    }
  }

  return maximum;
}
