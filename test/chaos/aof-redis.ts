import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freeLoopbackPort, redisAnswers } from '../../src/dev/ephemeral-redis.js';
import { waitUntil } from '../support/engine-process.js';

/**
 * A `redis-server` of the chaos test's own, never the one the rest of the suite shares: it is
 * restarted mid-run. AOF with fsync on every write, so a restart loses nothing acknowledged.
 */
export interface AofRedis {
  readonly url: string;
  /** SIGTERM (Redis flushes the AOF and exits), then a new server on the same port and directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startAofRedis(dir: string): Promise<AofRedis> {
  const port = await freeLoopbackPort();
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push('--appendonly', 'yes', '--appendfsync', 'always');
  let child = await launch(args, url);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  return {
    url,
    async restart() {
      await stop();
      child = await launch(args, url);
    },
    stop,
  };
}

async function launch(args: readonly string[], url: string): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const error = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', resolve);
  });
  if (error !== null) {
    throw new Error(
      'chaos test: `redis-server` is not installed (it starts its own, to restart it): apt-get install redis-server',
    );
  }
  try {
    await waitUntil(
      async () => child.exitCode === null && (await redisAnswers(url, 500)),
      `redis-server at ${url}`,
      10_000,
    );
  } catch (cause) {
    child.kill('SIGKILL');
    throw cause;
  }
  return child;
}
