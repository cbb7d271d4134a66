import { Redis } from 'ioredis';

/** `redis://host:port/db` without credentials, for messages. */
export function safeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'the configured Redis';
  }
}

/** A short-lived connection for a one-shot command: fails fast with one line instead of retrying. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return redis;
  } catch {
    // A failed connect has already ended the client; disconnect() on an ended client holds the
    // process open for seconds after the error line.
    if (redis.status !== 'end') redis.disconnect();
    throw new Error(`cannot reach Redis at ${safeRedisUrl(url)} (is it running? set REDIS_URL)`);
  }
}
