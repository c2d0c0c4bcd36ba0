import { createServer, connect } from 'node:net';

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('Failed to read the port the OS assigned.'));
        }
      });
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until something accepts TCP connections on the port, or rejects after timeoutMs. */
export async function waitForPort(port: number, serviceName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(port)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${serviceName} on 127.0.0.1:${port}.`);
}

/** Rejects with a clear message when the port is already taken. */
export async function assertPortFree(port: number, serviceName: string, variable: string): Promise<void> {
  if (port !== 0 && (await canConnect(port))) {
    throw new Error(
      `Port ${port} for ${serviceName} is already in use. Stop what uses it, or set ${variable} to another port.`,
    );
  }
}
