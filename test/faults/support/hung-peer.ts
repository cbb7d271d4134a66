import { once } from 'node:events';
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';

/** A peer that accepts connections and never answers: HTTP (reads the request) or bare TCP (SMTP). */
export interface HungPeer {
  readonly port: number;
  /** Requests (HTTP) or connections (TCP) received so far. */
  readonly hits: number;
  close(): Promise<void>;
}

export async function startHungHttp(): Promise<HungPeer> {
  const held: ServerResponse[] = [];
  const server = createHttpServer((_req, res) => {
    held.push(res);
  });
  return listen(
    server,
    () => held.length,
    () => {
      for (const res of held) res.destroy();
    },
  );
}

/** Accepts TCP connections, sends `greeting` if given (an SMTP banner), then nothing ever again. */
export async function startHungTcp(greeting?: string): Promise<HungPeer> {
  const held: Socket[] = [];
  const server = createTcpServer((socket) => {
    socket.on('error', () => {});
    if (greeting !== undefined) socket.write(greeting);
    held.push(socket);
  });
  return listen(
    server,
    () => held.length,
    () => {
      for (const socket of held) socket.destroy();
    },
  );
}

async function listen(
  server: ReturnType<typeof createTcpServer>,
  hits: () => number,
  release: () => void,
): Promise<HungPeer> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port from the OS');
  return {
    port: address.port,
    get hits() {
      return hits();
    },
    async close() {
      release();
      server.close();
      await once(server, 'close');
    },
  };
}
