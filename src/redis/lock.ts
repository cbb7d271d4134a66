import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// Deletes the lock only if this holder still owns it (it may have expired and been retaken).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Runs `work` while holding a short Redis lock, waiting up to `waitMs` for it. The lock expires by
 * itself after `ttlMs`, so a holder that crashes never blocks the others for long.
 */
export async function withRedisLock<T>(
  redis: Redis,
  key: string,
  work: () => Promise<T>,
  { ttlMs = 15_000, waitMs = 30_000 }: { ttlMs?: number; waitMs?: number } = {},
): Promise<T> {
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  while ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${key}`);
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
  }
  try {
    return await work();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}
