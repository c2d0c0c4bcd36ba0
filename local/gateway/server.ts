import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import type { Logger } from '../log';
import { FaultSwitch, InvalidFaultError } from './faults';
import { routeRequest } from './routing';
import { serveQueryRequest } from './sqs-query-proxy';

/** The EventBridge API as the gateway needs it: one call per operation. */
export interface EventsApi {
  handle(operation: string, request: unknown): Promise<unknown>;
  /** Returns whether the operation exists; without it, every name is taken as one. */
  supports?(operation: string): boolean;
}

export interface GatewayOptions {
  port: number;
  events: EventsApi;
  sqsPort: number;
  dynamoDbPort: number;
  logger: Logger;
  faults?: FaultSwitch;
}

const jsonContentType = 'application/x-amz-json-1.1';

function sendJson(response: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    'content-type': jsonContentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': crypto.randomUUID(),
  });
  response.end(text);
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}

interface ApiErrorShape {
  code?: unknown;
  statusCode?: unknown;
  message: string;
}

async function serveEvents(
  events: EventsApi,
  faults: FaultSwitch,
  operation: string,
  incoming: IncomingMessage,
  response: ServerResponse,
  logger: Logger,
): Promise<void> {
  const text = await readBody(incoming);
  let input: unknown;
  try {
    input = text === '' ? {} : JSON.parse(text);
  } catch {
    sendJson(response, 400, { __type: 'SerializationException', message: 'Request body is not valid JSON.' });

    return;
  }
  const fault = faults.take(operation);
  if (fault) {
    logger.info('injected failure', { operation, code: fault.code, remaining: fault.remaining });
    sendJson(response, fault.statusCode, { __type: fault.code, message: fault.message });

    return;
  }
  try {
    sendJson(response, 200, (await events.handle(operation, input)) ?? {});
  } catch (error) {
    const apiError = error as ApiErrorShape;
    if (typeof apiError.code === 'string') {
      const statusCode = typeof apiError.statusCode === 'number' ? apiError.statusCode : 400;
      logger.debug('events request rejected', { operation, code: apiError.code, message: apiError.message });
      sendJson(response, statusCode, { __type: apiError.code, message: apiError.message });

      return;
    }
    logger.error('events request failed', { operation, error });
    sendJson(response, 500, { __type: 'InternalException', message: 'Internal error in the local EventBridge.' });
  }
}

/** Streams the request to a backend on 127.0.0.1 unchanged, Host header included. */
function forward(port: number, incoming: IncomingMessage, response: ServerResponse, logger: Logger): void {
  const outgoing = request(
    { host: '127.0.0.1', port, method: incoming.method, path: incoming.url, headers: incoming.headers },
    (backend) => {
      response.writeHead(backend.statusCode ?? 502, backend.headers);
      backend.pipe(response);
    },
  );
  // A client that gives up (an aborted long poll, a stopping poller) ends the backend request too.
  response.on('close', () => {
    if (!response.writableFinished) {
      outgoing.destroy();
    }
  });
  outgoing.on('error', (error) => {
    if (response.destroyed) {
      logger.debug('backend request ended with its client', { port, error });

      return;
    }
    logger.error('backend request failed', { port, error });
    if (!response.headersSent) {
      sendJson(response, 502, { __type: 'ServiceUnavailable', message: `Local backend on port ${port} failed.` });
    } else {
      response.destroy(error);
    }
  });
  incoming.pipe(outgoing);
}

async function serveFaults(
  faults: FaultSwitch,
  incoming: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(incoming);
  try {
    if (incoming.method === 'POST') {
      sendJson(response, 200, faults.set(body === '' ? {} : JSON.parse(body)));
    } else if (incoming.method === 'DELETE') {
      faults.clear();
      sendJson(response, 200, { faults: [] });
    } else if (incoming.method === 'GET') {
      sendJson(response, 200, { faults: faults.list() });
    } else {
      sendJson(response, 405, { __type: 'MethodNotAllowed', message: 'Use GET, POST or DELETE on /_local/faults.' });
    }
  } catch (error) {
    const message = error instanceof InvalidFaultError ? error.message : 'Request body is not valid JSON.';
    sendJson(response, 400, { __type: 'ValidationException', message });
  }
}

/** Starts the single AWS endpoint: EventBridge served here, SQS and DynamoDB forwarded. */
export function startGateway(options: GatewayOptions): Promise<Server> {
  const { events, logger } = options;
  const faults = options.faults ?? new FaultSwitch((operation) => events.supports?.(operation) ?? true);
  const server = createServer((incoming, response) => {
    const route = routeRequest(incoming.method ?? 'GET', incoming.url ?? '/', incoming.headers);
    switch (route.service) {
      case 'events':
        void serveEvents(events, faults, route.operation, incoming, response, logger);
        break;
      case 'sqs':
        forward(options.sqsPort, incoming, response, logger);
        break;
      case 'query':
        serveQueryRequest(incoming, response, options).catch((error: unknown) => {
          logger.error('query request failed', { error });
          response.destroy(error instanceof Error ? error : undefined);
        });
        break;
      case 'dynamodb':
        forward(options.dynamoDbPort, incoming, response, logger);
        break;
      case 'faults':
        void serveFaults(faults, incoming, response);
        break;
      case 'health':
        sendJson(response, 200, { status: 'ok' });
        break;
      case 'unknown':
        incoming.resume();
        sendJson(response, 400, {
          __type: 'UnknownOperationException',
          message: `No local service for X-Amz-Target "${incoming.headers['x-amz-target'] ?? ''}". The local endpoint serves EventBridge, SQS and DynamoDB.`,
        });
        break;
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(server));
  });
}
