import { Redis } from 'ioredis';
import { DashwatchError } from '../core/errors.js';

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
  let failure: unknown;
  redis.on('error', (error) => {
    failure ??= error;
  });
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    // A failed connect has already ended the client; disconnect() on an ended client holds the
    // process open for seconds after the error line.
    if (redis.status !== 'end') redis.disconnect();
    throw unavailable(url, failure ?? error);
  }
}

/** Why Redis cannot be used, in one line that names neither the password nor a stack. */
function unavailable(url: string, error: unknown): DashwatchError {
  const message = error instanceof Error ? error.message : String(error);
  const where = safeRedisUrl(url);
  const refused = /WRONGPASS|NOAUTH|invalid password|invalid username-password/i.exec(message);
  const detail =
    refused !== null
      ? `Redis at ${where} refused the credentials (${refused[0]}): check the user and password in REDIS_URL`
      : `cannot reach Redis at ${where} (is it running? set REDIS_URL)`;
  return new DashwatchError(detail, { code: 'RedisUnavailable', retryable: false });
}
