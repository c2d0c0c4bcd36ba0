import type { z } from 'zod';
import type { RequestIssue } from '../errors';

/** Converts zod issues to request issues with dotted paths such as `items.0.quantity`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): RequestIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
