import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { HttpError } from '../errors';
import { formatIssues } from './issues';
import { errorResponse, type HttpResponse } from './responses';

/** The parts of an HTTP API request that `validateRequest` parses. */
export interface RequestSchemas {
  body?: z.ZodType;
  queryStringParameters?: z.ZodType;
  pathParameters?: z.ZodType;
}

type RequestPart = keyof RequestSchemas;

const PART_LABELS: Record<RequestPart, string> = {
  body: 'request body',
  queryStringParameters: 'query string parameters',
  pathParameters: 'path parameters',
};

/**
 * Replaces a JSON string body with its parsed value, and leaves a missing or empty
 * body undefined.
 *
 * @throws HttpError 400 when the body is not valid JSON.
 */
export function jsonBodyParser(): MiddlewareObj<unknown, HttpResponse> {
  return {
    before: (request) => {
      const event = request.event as Record<string, unknown>;
      const { body, isBase64Encoded } = event as Partial<APIGatewayProxyEventV2>;
      if (body === undefined || body === '') {
        event['body'] = undefined;
        return;
      }
      const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
      try {
        event['body'] = JSON.parse(text);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new HttpError(400, 'Request body is not valid JSON', [
          { path: '', message: detail },
        ]);
      }
    },
  };
}

/**
 * Parses the request parts with their schemas and replaces them with the parsed values.
 * A missing query string or path parameter map is parsed as an empty object, so that
 * the issue names the missing parameter.
 *
 * @throws HttpError 400 with one issue per invalid value.
 */
export function validateRequest(
  schemas: RequestSchemas,
): MiddlewareObj<unknown, HttpResponse> {
  return {
    before: (request) => {
      const event = request.event as Record<string, unknown>;
      for (const part of Object.keys(PART_LABELS) as RequestPart[]) {
        const schema = schemas[part];
        if (schema === undefined) {
          continue;
        }
        const input = part === 'body' ? event[part] : (event[part] ?? {});
        event[part] = parsePart(schema, input, part);
      }
    },
  };
}

function parsePart(schema: z.ZodType, input: unknown, part: RequestPart): unknown {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const issues = formatIssues(result.error.issues);
  const paths = [...new Set(issues.map((issue) => issue.path || '(root)'))];

  throw new HttpError(400, `Invalid ${PART_LABELS[part]}: ${paths.join(', ')}`, issues);
}

/**
 * Turns a thrown HttpError into its 4xx response, and any other error into a logged
 * 500 with a generic message.
 */
export function httpErrorHandler(logger: Logger): MiddlewareObj<unknown, HttpResponse> {
  return {
    onError: (request) => {
      const { error } = request;
      if (error instanceof HttpError && error.statusCode < 500) {
        logger.info('request rejected', {
          statusCode: error.statusCode,
          reason: error.message,
        });

        return errorResponse(error.statusCode, error.message, error.issues);
      }
      logger.error('request failed', error instanceof Error ? error : String(error));

      return errorResponse(500, 'Internal server error');
    },
  };
}
