import { buildApp } from 'fauxqs';

/** An in-process fauxqs SQS server listening on 127.0.0.1. */
export interface SqsServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts fauxqs on 127.0.0.1. Its own start helper binds every interface, so the app is
 * built and bound here instead. With no host option, queue URLs take the Host header of
 * each request, so clients that come through the AWS endpoint get URLs on that endpoint.
 */
export async function startSqsServer(port: number): Promise<SqsServer> {
  const app = buildApp({ logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  const boundPort = address && typeof address === 'object' ? address.port : port;

  return {
    port: boundPort,
    stop: async () => {
      await app.close();
    },
  };
}
