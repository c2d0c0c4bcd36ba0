import { readFileSync } from 'node:fs';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { IntegrationEvent } from '../../../schemas/event-definition';

const CASES = new URL('../../../../shared/cases/aws-events/', import.meta.url);

function readCase<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, CASES), 'utf8')) as T;
}

/** Creates a logger that writes nothing, for handlers under test. */
export function silentLogger(): Logger {
  return new Logger({ serviceName: 'unit-test', logLevel: 'SILENT' });
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'unit-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:unit-test',
    memoryLimitInMB: '128',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/unit-test',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 5_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

interface HttpRequest {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
}

/** Builds an HTTP API (payload 2.0) event from the recorded API Gateway request. */
export function httpEvent(request: HttpRequest): APIGatewayProxyEventV2 {
  const recorded = readCase<APIGatewayProxyEventV2>('apigw-http-no-auth.json');
  const routeKey = `${request.method} ${request.path}`;

  return {
    ...recorded,
    routeKey,
    rawPath: request.path,
    headers: { ...recorded.headers, ...request.headers },
    requestContext: {
      ...recorded.requestContext,
      routeKey,
      http: { ...recorded.requestContext.http, method: request.method, path: request.path },
    },
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
    ...(request.queryStringParameters
      ? { queryStringParameters: request.queryStringParameters }
      : {}),
  };
}

/**
 * Builds an SQS batch in the recorded shape with one record per body. A body that is
 * an IntegrationEvent is first wrapped in the recorded EventBridge event shape.
 */
export function sqsEvent(bodies: readonly (string | IntegrationEvent)[]): SQSEvent {
  const recorded = readCase<SQSEvent>('sqs-base.json');
  const template = recorded.Records[0] as SQSRecord;
  const records = bodies.map((body, index) => ({
    ...template,
    messageId: `message-${index + 1}`,
    body: typeof body === 'string' ? body : JSON.stringify(toEventBridgeEvent(body)),
  }));

  return { Records: records };
}

/** Wraps an event in the recorded EventBridge event shape, as a rule delivers it to SQS. */
export function toEventBridgeEvent(event: IntegrationEvent): Record<string, unknown> {
  const recorded = readCase<Record<string, unknown>>('eventbridge-base.json');

  return {
    ...recorded,
    id: event.detail.metadata.eventId,
    source: event.source,
    'detail-type': event.detailType,
    time: event.detail.metadata.occurredAt,
    resources: [],
    detail: event.detail,
  };
}
