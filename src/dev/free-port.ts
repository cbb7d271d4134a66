import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * `preferred` if nothing listens on it at 127.0.0.1, else a port the system picks: the demo's status
 * page gets the usual address when it can, and never fails for a taken port.
 */
export async function freePort(preferred: number): Promise<number> {
  for (const port of [preferred, 0]) {
    const server = createServer();
    server.listen(port, '127.0.0.1');
    const [event] = await Promise.race([
      once(server, 'listening').then(() => ['listening']),
      once(server, 'error'),
    ]);
    if (event !== 'listening') continue;
    const address = server.address();
    server.close();
    await once(server, 'close');
    if (typeof address === 'object' && address !== null) return address.port;
  }
  throw new Error('no free port on 127.0.0.1');
}
