import { describe, expect, it } from 'vitest';

import { readBatchResponse } from '../../local/sqs-lambda/batch-response';

const ids = new Set(['a', 'b', 'c']);

describe('batch item failure response', () => {
  it.each([null, undefined, {}, { batchItemFailures: [] }, { batchItemFailures: null }, 'done'])(
    'treats %j as all succeeded',
    (payload) => {
      expect(readBatchResponse(payload, ids)).toEqual({ kind: 'all-succeeded' });
    },
  );

  it('returns the reported identifiers', () => {
    const outcome = readBatchResponse({ batchItemFailures: [{ itemIdentifier: 'b' }] }, ids);

    expect(outcome).toEqual({ kind: 'partial', failedIds: new Set(['b']) });
  });

  it.each([
    { batchItemFailures: [{ itemIdentifier: 'z' }] },
    { batchItemFailures: [{ itemIdentifier: '' }] },
    { batchItemFailures: [{}] },
    { batchItemFailures: [null] },
    { batchItemFailures: 'b' },
  ])('fails the batch for %j', (payload) => {
    expect(readBatchResponse(payload, ids).kind).toBe('all-failed');
  });
});
