import { invalidAt } from './errors';
import { parseWildcard } from './wildcard';
import { MAX_WILDCARD_COMPLEXITY, wildcardComplexity } from './wildcard-complexity';
import type { WildcardParts } from './wildcard';
import type { Leaf } from './types';

type DraftBranches = readonly ReadonlyMap<string, Leaf>[];

function wildcardsByPath(branches: DraftBranches): Map<string, Set<Leaf>> {
  const leavesByPath = new Map<string, Set<Leaf>>();
  for (const branch of branches) {
    for (const [path, leaf] of branch) {
      if (leaf.wildcards.length === 0) {
        continue;
      }
      const leaves = leavesByPath.get(path) ?? new Set<Leaf>();
      leaves.add(leaf);
      leavesByPath.set(path, leaves);
    }
  }

  return leavesByPath;
}

function partsOf(text: string): WildcardParts {
  const parsed = parseWildcard(text);

  // Leaf compilation already rejected invalid wildcard text.
  return 'parts' in parsed ? parsed.parts : [text];
}

/**
 * Rejects a pattern whose wildcard values on one field are too complex for EventBridge.
 * Every wildcard and anything-but wildcard value of the field counts, across all `$or`
 * alternatives.
 * NOTE: EventBridge measures each state machine, and alternatives may not share one, so
 * counting them together can reject patterns that EventBridge accepts.
 */
export function checkWildcardComplexity(branches: DraftBranches): void {
  for (const [path, leaves] of wildcardsByPath(branches)) {
    const texts = new Set([...leaves].flatMap((leaf) => leaf.wildcards));
    const complexity = wildcardComplexity([...texts].map(partsOf));
    if (complexity > MAX_WILDCARD_COMPLEXITY) {
      const maximum = MAX_WILDCARD_COMPLEXITY;
      const measure = `wildcard complexity ${complexity}, maximum ${maximum}`;
      throw invalidAt(
        path,
        `rule is too complex (${measure}): use fewer wildcard characters or fewer ` +
          'repeating character sequences after a wildcard character',
      );
    }
  }
}
