import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { type RequestIssue, ResponseValidationError } from '../errors';
import { formatIssues } from './issues';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  body: string;
};

/**
 * Builds a JSON response after parsing the body with its schema.
 *
 * @throws ResponseValidationError when the body fails the schema. The error
 *   middleware turns it into a 500, because a bad response is the server's fault.
 */
export function jsonResponse<Schema extends z.ZodType>(
  schema: Schema,
  statusCode: number,
  body: z.input<Schema>,
  headers: Record<string, string> = {},
): HttpResponse {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = formatIssues(result.error.issues).map(
      (issue) => `${issue.path || '(root)'}: ${issue.message}`,
    );
    throw new ResponseValidationError(
      `Response body for status ${statusCode} does not match its schema: ${issues.join('; ')}`,
      { cause: result.error },
    );
  }

  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(result.data),
  };
}

/** Builds an error response with `{message, issues?}`. */
export function errorResponse(
  statusCode: number,
  message: string,
  issues?: RequestIssue[],
): HttpResponse {
  const body = issues === undefined ? { message } : { message, issues };

  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}
