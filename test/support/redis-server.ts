import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { freeLoopbackPort, redisAnswers } from '../../src/dev/ephemeral-redis.js';
import { waitUntil } from './engine-process.js';

/**
 * A `redis-server` of one test file's own, never the one the rest of the suite shares: these tests
 * flush it, restart it, freeze it, or change its password and memory limit.
 */
export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  /** An admin connection (with the password the server was started with). */
  readonly admin: Redis;
  /** SIGTERM, then a new server on the same port with the same arguments. */
  restart(): Promise<void>;
  /** SIGSTOP: the socket stays open and nothing answers, like a hung host. */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

export interface OwnRedisOptions {
  /** Extra `redis-server` arguments (e.g. AOF settings, `--dir`). */
  args?: readonly string[];
  password?: string;
  /** Names the test in the "not installed" line. */
  label?: string;
}

export async function startOwnRedis(options: OwnRedisOptions = {}): Promise<OwnRedis> {
  const port = await freeLoopbackPort();
  const auth = options.password === undefined ? '' : `:${encodeURIComponent(options.password)}@`;
  const url = `redis://${auth}127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...(options.args ?? [])];
  if (options.password !== undefined) args.push('--requirepass', options.password);
  const label = options.label ?? 'this test';
  let child = await launch(args, url, label);
  const admin = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  // Restarts and freezes are the point: the admin connection reconnects, its errors are expected.
  admin.on('error', () => {});
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    await exited;
  };
  return {
    url,
    port,
    admin,
    async restart() {
      await stop();
      child = await launch(args, url, label);
    },
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
    async stop() {
      admin.disconnect();
      await stop();
    },
  };
}

async function launch(args: readonly string[], url: string, label: string): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const error = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', resolve);
  });
  if (error !== null) {
    throw new Error(
      `${label} starts its own redis-server, which is not installed: apt-get install redis-server`,
    );
  }
  try {
    await waitUntil(
      async () => child.exitCode === null && (await redisAnswers(url, 500)),
      `redis-server at ${url.replace(/:[^:@/]*@/, ':***@')}`,
      10_000,
    );
  } catch (cause) {
    child.kill('SIGKILL');
    throw cause;
  }
  return child;
}
