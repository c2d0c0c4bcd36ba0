import type { IncomingHttpHeaders } from 'node:http';

/** The local service that serves a request sent to the single AWS endpoint. */
export type Route =
  | { service: 'events'; operation: string }
  | { service: 'sqs' }
  | { service: 'query' }
  | { service: 'dynamodb' }
  | { service: 'health' }
  | { service: 'faults' }
  | { service: 'unknown' };

/**
 * Routes by the `X-Amz-Target` header of the AWS JSON protocols. Form-encoded requests are
 * query protocol requests, which older AWS CLI v2 releases (Debian's 2.9) send for SQS.
 */
export function routeRequest(method: string, url: string, headers: IncomingHttpHeaders): Route {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const [prefix, operation] = target.split('.', 2);
    if (prefix === 'AWSEvents' && operation) {
      return { service: 'events', operation };
    }
    if (prefix === 'AmazonSQS') {
      return { service: 'sqs' };
    }
    if (prefix?.startsWith('DynamoDB_') || prefix?.startsWith('DynamoDBStreams_')) {
      return { service: 'dynamodb' };
    }

    return { service: 'unknown' };
  }
  if (method === 'GET' && (url === '/_local/health' || url === '/health')) {
    return { service: 'health' };
  }
  if (url === '/_local/faults') {
    return { service: 'faults' };
  }
  const contentType = headers['content-type'] ?? '';
  if (contentType.includes('x-www-form-urlencoded') || (method === 'GET' && url.includes('Action='))) {
    return { service: 'query' };
  }

  return { service: 'unknown' };
}
