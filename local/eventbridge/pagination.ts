import { validationError } from './errors';
import { readOptionalInteger, readOptionalString } from './validate';
import type { ApiRequest } from './types';

/** Page size of list operations when the request sets no `Limit`. */
const DEFAULT_PAGE_SIZE = 100;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

function decodeToken(token: string): number {
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) {
    const message = `NextToken "${token}" is not valid. Pass the NextToken of a list response.`;
    throw validationError(message);
  }

  return offset;
}

/**
 * Returns the page of `items` that the request's `Limit` and `NextToken` select. The
 * token stores the offset of the next item, so pages shift when items are added or
 * removed between calls.
 */
export function paginate<T>(items: readonly T[], request: ApiRequest): Page<T> {
  const limit = readOptionalInteger(request, 'Limit', 1, 100) ?? DEFAULT_PAGE_SIZE;
  const token = readOptionalString(request, 'NextToken', { minLength: 1 });
  const offset = token === undefined ? 0 : decodeToken(token);
  const end = offset + limit;
  const page: Page<T> = { items: items.slice(offset, end) };
  if (end < items.length) {
    page.nextToken = Buffer.from(String(end), 'utf8').toString('base64url');
  }

  return page;
}
