import { randomUUID } from 'node:crypto';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';

import type { Logger } from '../log';
import {
  SQS_QUERY_ACTIONS,
  jsonToQueryResponse,
  queryErrorResponse,
  queryToJsonRequest,
} from './sqs-query';

interface BackendResponse {
  statusCode: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function readText(stream: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/** Sends one SQS JSON protocol request to fauxqs on 127.0.0.1 with the client's Host header. */
function postJson(port: number, host: string, action: string, body: string): Promise<BackendResponse> {
  const headers = {
    host,
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(body),
    'x-amz-target': `AmazonSQS.${action}`,
  };

  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (backend) => {
      readText(backend).then(
        (text) => resolve({ statusCode: backend.statusCode ?? 502, headers: backend.headers, body: text }),
        reject,
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function sendXml(response: ServerResponse, statusCode: number, xml: string, requestId: string): void {
  response.writeHead(statusCode, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(xml),
    'x-amzn-requestid': requestId,
  });
  response.end(xml);
}

/**
 * Reads the error of a JSON protocol response: the query code and fault from the
 * `x-amzn-query-error` header (`Code;Sender`), else the code after `#` in `__type`.
 */
function readBackendError(backend: BackendResponse) {
  const header = backend.headers['x-amzn-query-error'];
  let body: { __type?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(backend.body) as typeof body;
  } catch {
    // A body that is not JSON keeps the status code and gets a generic message.
  }
  const [queryCode, fault] = typeof header === 'string' ? header.split(';') : [];
  const jsonCode = typeof body.__type === 'string' ? body.__type.split('#').pop() : undefined;
  const type: 'Sender' | 'Receiver' =
    fault === 'Sender' || (fault === undefined && backend.statusCode < 500) ? 'Sender' : 'Receiver';

  return {
    type,
    code: queryCode ?? jsonCode ?? 'InternalFailure',
    message: typeof body.message === 'string' ? body.message : `SQS returned ${backend.statusCode}.`,
  };
}

/**
 * Serves an SQS query protocol request, as older clients such as Debian's AWS CLI 2.9 send,
 * through fauxqs, which serves SQS only in the JSON protocol. So the form parameters become
 * a JSON request, and the JSON response becomes the query protocol's XML.
 */
async function serveSqsQuery(
  params: URLSearchParams,
  incoming: IncomingMessage,
  response: ServerResponse,
  options: { sqsPort: number; logger: Logger },
): Promise<void> {
  const action = params.get('Action') as string;
  const requestId = randomUUID();
  const jsonRequest = queryToJsonRequest(params);
  const path = (incoming.url ?? '/').split('?')[0] ?? '/';
  const host = incoming.headers.host ?? '127.0.0.1';
  // Older clients send the queue URL as the request path instead of a QueueUrl parameter.
  if (jsonRequest.QueueUrl === undefined && path !== '/') {
    jsonRequest.QueueUrl = `http://${host}${path}`;
  }
  try {
    const backend = await postJson(options.sqsPort, host, action, JSON.stringify(jsonRequest));
    if (backend.statusCode >= 300) {
      const error = readBackendError(backend);
      options.logger.debug('sqs query request rejected', { action, code: error.code, message: error.message });
      sendXml(response, backend.statusCode, queryErrorResponse(error, requestId), requestId);

      return;
    }
    const result = backend.body === '' ? {} : (JSON.parse(backend.body) as object);
    sendXml(response, 200, jsonToQueryResponse(action, result, requestId), requestId);
  } catch (error) {
    options.logger.error('sqs query request failed', { action, port: options.sqsPort, error });
    const message = `Local SQS backend on port ${options.sqsPort} failed: ${String(error)}`;
    const xml = queryErrorResponse({ type: 'Receiver', code: 'ServiceUnavailable', message }, requestId);
    sendXml(response, 502, xml, requestId);
  }
}

/** Sends a form-encoded request that is no SQS action (SNS, STS) to fauxqs as it came. */
function forwardText(port: number, incoming: IncomingMessage, body: string, response: ServerResponse): void {
  const headers = { ...incoming.headers, 'content-length': String(Buffer.byteLength(body)) };
  const outgoing = request(
    { host: '127.0.0.1', port, method: incoming.method, path: incoming.url, headers },
    (backend) => {
      response.writeHead(backend.statusCode ?? 502, backend.headers);
      backend.pipe(response);
    },
  );
  outgoing.on('error', (error) => response.destroy(error));
  outgoing.end(body);
}

/**
 * Serves a query protocol request, whose parameters are in the URL or a form-encoded body:
 * SQS actions through the JSON protocol, anything else forwarded to fauxqs unchanged.
 */
export async function serveQueryRequest(
  incoming: IncomingMessage,
  response: ServerResponse,
  options: { sqsPort: number; logger: Logger },
): Promise<void> {
  const body = await readText(incoming);
  const url = new URL(incoming.url ?? '/', 'http://localhost');
  const params = new URLSearchParams(url.search);
  for (const [name, value] of new URLSearchParams(body)) {
    params.append(name, value);
  }
  if (!SQS_QUERY_ACTIONS.has(params.get('Action') ?? '')) {
    forwardText(options.sqsPort, incoming, body, response);

    return;
  }
  await serveSqsQuery(params, incoming, response, options);
}
