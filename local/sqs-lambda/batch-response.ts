/**
 * Reads a function's response under ReportBatchItemFailures as AWS does. A null or empty
 * response, or an empty `batchItemFailures` list, means every record succeeded. An entry
 * whose `itemIdentifier` is missing, empty or not a message of the batch fails the whole
 * batch.
 */
export type BatchOutcome = { kind: 'all-succeeded' } | { kind: 'partial'; failedIds: Set<string> } | { kind: 'all-failed'; reason: string };

export function readBatchResponse(payload: unknown, messageIds: Set<string>): BatchOutcome {
  if (payload === null || payload === undefined || typeof payload !== 'object') {
    return { kind: 'all-succeeded' };
  }
  const failures = (payload as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) {
    return { kind: 'all-succeeded' };
  }
  if (!Array.isArray(failures)) {
    return { kind: 'all-failed', reason: 'batchItemFailures is not a list' };
  }
  if (failures.length === 0) {
    return { kind: 'all-succeeded' };
  }
  const failedIds = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !messageIds.has(id)) {
      return { kind: 'all-failed', reason: `invalid itemIdentifier ${JSON.stringify(id ?? null)}` };
    }
    failedIds.add(id);
  }

  return { kind: 'partial', failedIds };
}
