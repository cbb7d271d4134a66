import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { DashwatchError } from '../core/errors.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Raised when no Redis answers and none can be started; its message is the one line a user needs. */
export class RedisUnavailableError extends DashwatchError {
  override readonly name = 'RedisUnavailableError';

  constructor(message: string) {
    super(message, { code: 'RedisUnavailable', retryable: false });
  }
}

export interface AvailableRedis {
  url: string;
  /** True when this process started the server (and `stop` ends it). */
  started: boolean;
  stop(): Promise<void>;
}

/** True when a Redis server answers PING at `url` within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port from the OS');
  return address.port;
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return once(child, 'exit').then(() => undefined);
}

async function startRedisServer(binary: string): Promise<AvailableRedis> {
  const port = await freeLoopbackPort();
  // Nothing on disk: a throwaway server for tests and the demo.
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn(binary, args, { stdio: 'ignore' });
  const spawned = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', (error) => resolve(error));
  });
  if (spawned !== null) {
    throw new RedisUnavailableError(
      'Redis is not reachable and `redis-server` is not installed: install Redis (Debian: apt-get install redis-server) or set REDIS_URL to a running server.',
    );
  }
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await redisAnswers(url, 500))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new RedisUnavailableError(`redis-server did not start on port ${port}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    started: true,
    async stop() {
      const exited = exitOf(child);
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A Redis to use: `url` when it answers, otherwise a `redis-server` started on a free loopback port.
 * Throws RedisUnavailableError (one line, what to install) when neither works.
 */
export async function ensureRedis(
  url: string = DEFAULT_REDIS_URL,
  binary = 'redis-server',
): Promise<AvailableRedis> {
  if (await redisAnswers(url)) return { url, started: false, stop: async () => {} };
  return startRedisServer(binary);
}
