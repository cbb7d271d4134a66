import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { waitUntil } from '../../support/engine-process.js';

/** One `redis-server` process of a test's own topology. */
export interface ServerProcess {
  readonly port: number;
  readonly args: readonly string[];
  child: ChildProcess;
}

/** Processes and a directory a topology owns; `stop` kills what runs and removes the directory. */
export class Servers {
  readonly dir = mkdtempSync(join(tmpdir(), 'dashwatch-ha-'));
  private readonly all: ServerProcess[] = [];

  /** Starts `redis-server …args` and waits until it answers PING on `port`. */
  async start(port: number, args: readonly string[]): Promise<ServerProcess> {
    const server: ServerProcess = { port, args, child: await launch(args) };
    this.all.push(server);
    await this.answering(server);
    return server;
  }

  /** A sentinel from a config file it may rewrite. */
  async startSentinel(port: number, lines: readonly string[]): Promise<ServerProcess> {
    const file = join(this.dir, `sentinel-${port}.conf`);
    writeFileSync(file, `port ${port}\nbind 127.0.0.1\ndir ${this.dir}\n${lines.join('\n')}\n`);
    return this.start(port, [file, '--sentinel']);
  }

  /** SIGKILL, as a host dies: no shutdown, no last write. */
  async kill(server: ServerProcess): Promise<void> {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return;
    const exited = once(server.child, 'exit');
    server.child.kill('SIGKILL');
    await exited;
  }

  /** A new process on the same port with the same arguments. */
  async restart(server: ServerProcess): Promise<void> {
    await this.kill(server);
    server.child = await launch(server.args);
    await this.answering(server);
  }

  async stop(): Promise<void> {
    await Promise.all(this.all.map((server) => this.kill(server)));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async answering(server: ServerProcess): Promise<void> {
    const client = new Redis(server.port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => {});
    try {
      await waitUntil(
        async () => {
          if (server.child.exitCode !== null) throw new Error(`redis-server ${server.args.join(' ')} exited`);
          try {
            if (client.status !== 'ready') await client.connect();
            return (await client.ping()) === 'PONG';
          } catch {
            client.disconnect();
            return false;
          }
        },
        `redis-server on port ${server.port}`,
        10_000,
      );
    } finally {
      client.disconnect();
    }
  }
}

async function launch(args: readonly string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const error = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', resolve);
  });
  if (error !== null)
    throw new Error(
      'the HA tests start their own redis-server, which is not installed: apt-get install redis-server',
    );
  return child;
}

/** A free loopback port whose cluster bus port (port + 10000) is free too. */
export async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await listenFree(0);
    if (port + 10_000 > 65_535) continue;
    if ((await listenFree(port + 10_000).catch(() => 0)) !== 0) return port;
  }
}

async function listenFree(port: number): Promise<number> {
  const server = createServer();
  server.listen(port, '127.0.0.1');
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => {
      throw error;
    }),
  ]);
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port from the OS');
  return address.port;
}

/** Answers of `INFO section` as a map. */
export async function info(client: Redis, section: string): Promise<Map<string, string>> {
  const text = await client.info(section);
  return new Map(
    text
      .split('\r\n')
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]),
  );
}

/** A throw-away admin connection to one node. */
export function nodeClient(port: number): Redis {
  const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  return client;
}

/** Runs `work` on a fresh connection to `port`; undefined when the node does not answer. */
export async function onNode<T>(port: number, work: (client: Redis) => Promise<T>): Promise<T | undefined> {
  const client = nodeClient(port);
  try {
    return await work(client);
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}
