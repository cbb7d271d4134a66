import { randomUUID } from 'node:crypto';
import { DashwatchError } from '../core/errors.js';
import type { RedisClient } from './client.js';

// Deletes the lock only if this holder still owns it (it may have expired and been retaken).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
// Extends the lock only if this holder still owns it.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/** A lock held in Redis until released or until it expires by itself. */
export interface Lease {
  /** Extends the lease by its TTL from now; false when it was lost (expired and retaken). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

/** Takes `key` for `ttlMs` if nobody holds it; undefined when taken. A crashed holder blocks for at most `ttlMs`. */
export async function tryLease(redis: RedisClient, key: string, ttlMs: number): Promise<Lease | undefined> {
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
  return {
    async renew() {
      return (await redis.eval(RENEW, 1, key, token, ttlMs)) === 1;
    },
    async release() {
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}

/**
 * Runs `work` under `key` unless someone else holds it (then undefined, and `work` does not run). The
 * lease is renewed every third of its TTL while `work` runs, so work that outlasts the TTL is never
 * joined by a second run; if the holder dies, the lease lapses within one TTL.
 */
export async function withLease<T>(
  redis: RedisClient,
  key: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<T | undefined> {
  const lease = await tryLease(redis, key, ttlMs);
  if (lease === undefined) return undefined;
  const renewal = setInterval(
    () => {
      // A failed renewal (Redis away) is retried at the next tick; the lease's own TTL bounds the rest.
      lease.renew().catch(() => undefined);
    },
    Math.max(1000, Math.floor(ttlMs / 3)),
  );
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await lease.release().catch(() => undefined);
  }
}

/**
 * Runs `work` while holding `key`, waiting up to `waitMs` for it: for short critical sections that
 * every process must get through (scheduler reconciliation at start-up).
 */
export async function withRedisLock<T>(
  redis: RedisClient,
  key: string,
  work: () => Promise<T>,
  { ttlMs = 15_000, waitMs = 30_000 }: { ttlMs?: number; waitMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lease = await tryLease(redis, key, ttlMs);
    if (lease !== undefined) {
      try {
        return await work();
      } finally {
        await lease.release();
      }
    }
    if (Date.now() > deadline) {
      throw new DashwatchError(`timed out waiting for lock ${key}`, { code: 'LockTimeout', retryable: true });
    }
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
  }
}
