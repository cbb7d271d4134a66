import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Runs `work` unless a cycle of the same watch is already running somewhere: when the API is slow
 * and cycles outlast the interval, piling more polls on it would make it slower. The lease expires by
 * itself, so a crashed holder delays the watch by at most `ttlMs`; fencing still guards the commit.
 */
export async function withWatchLease<T>(
  redis: Redis,
  key: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<T | undefined> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
  try {
    return await work();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}
