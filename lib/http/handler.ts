import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import {
  httpErrorHandler,
  jsonBodyParser,
  type RequestSchemas,
  validateRequest,
} from './middlewares';
import type { HttpResponse } from './responses';

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

/** An HTTP API (payload 2.0) event after `validateRequest` replaced its parts. */
export type ValidatedHttpEvent<Schemas extends RequestSchemas> = Omit<
  APIGatewayProxyEventV2,
  'body' | 'queryStringParameters' | 'pathParameters'
> & {
  body: Parsed<Schemas['body']>;
  queryStringParameters: Parsed<Schemas['queryStringParameters']>;
  pathParameters: Parsed<Schemas['pathParameters']>;
};

/** A Lambda handler for API Gateway HTTP API routes. */
export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<HttpResponse>;

/**
 * Wraps a route handler in middy with the Lambda context in logs, JSON body parsing,
 * request validation, and error responses.
 */
export function createHttpHandler<Schemas extends RequestSchemas>(
  options: { logger: Logger; schemas: Schemas },
  handle: (event: ValidatedHttpEvent<Schemas>, context: Context) => Promise<HttpResponse>,
): HttpHandler {
  const withMiddlewares = middy<ValidatedHttpEvent<Schemas>, HttpResponse>()
    .use(injectLambdaContext(options.logger, { resetKeys: true }))
    .use(httpErrorHandler(options.logger))
    .use(options.schemas.body ? [jsonBodyParser()] : [])
    .use(validateRequest(options.schemas))
    .handler(handle);

  return withMiddlewares as unknown as HttpHandler;
}

/** Returns a request header by name, ignoring case. */
export function getHeader(
  headers: Record<string, string | undefined> | undefined,
  name: string,
): string | undefined {
  const expectedKey = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === expectedKey) {
      return value;
    }
  }

  return undefined;
}
