import { createServer, type AddressInfo } from 'node:net';

/** A port that was free on 127.0.0.1 a moment ago, for programs that need a fixed port on the command line. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts something on ports picked by `freePort`, again with new ones when another process took a
 * port between the pick and the bind (`start` fails with "already in use" then).
 */
export async function withFreshPorts<T>(start: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= attempts || !/already in use/.test(String((error as Error).message))) throw error;
    }
  }
}
