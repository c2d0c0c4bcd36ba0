import { buildApp } from 'fauxqs';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** An in-process fauxqs SQS server listening on 127.0.0.1. */
export interface SqsServer {
  port: number;
  stop(): Promise<void>;
}

interface SqsStoreInstance {
  host: string | undefined;
}

/**
 * Creates fauxqs's SQS store without its default host. With a host, queue URLs read
 * `http://sqs.<region>.localhost:<port>/...`, a name that many resolvers do not know. Without
 * one, each URL takes the Host header of the request that created the queue, such as
 * 127.0.0.1:4566. fauxqs 2.4.1 exports no option for this, so the store comes from its module.
 */
async function createSqsStore(): Promise<SqsStoreInstance> {
  // The package exports only its entry point, so the module is found by path.
  const folders = createRequire(import.meta.url).resolve.paths('fauxqs') ?? [];
  const storePath = folders.map((folder) => join(folder, 'fauxqs', 'dist', 'sqs', 'sqsStore.js')).find(existsSync);
  if (!storePath) {
    throw new Error('fauxqs/dist/sqs/sqsStore.js was not found; run npm ci.');
  }
  const { SqsStore } = (await import(pathToFileURL(storePath).href)) as { SqsStore: new () => SqsStoreInstance };
  const store = new SqsStore();
  store.host = undefined;

  return store;
}

/**
 * Starts fauxqs on 127.0.0.1. Its own start helper binds every interface, so the app is
 * built and bound here instead.
 */
export async function startSqsServer(port: number): Promise<SqsServer> {
  const sqsStore = await createSqsStore();
  const app = buildApp({ logger: false, stores: { sqsStore } as never });
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
