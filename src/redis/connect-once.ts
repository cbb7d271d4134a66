import { DashwatchError } from '../core/errors.js';
import { describeRedisTarget, type RedisTarget } from '../core/redis-target.js';
import type { RedisClient } from './client.js';
import { openClient } from './open-client.js';

/** A short-lived connection for a one-shot command: fails fast with one line instead of retrying. */
export async function connectRedis(target: RedisTarget): Promise<RedisClient> {
  const redis = openClient(target, { oneShot: true, lazyConnect: true });
  let failure: unknown;
  redis.on('error', (error) => {
    failure ??= error;
  });
  try {
    await redis.connect();
    // A cluster is connected once it knows its slots; a node that refuses shows at the first command.
    if (redis.isCluster) await redis.ping();
    return redis;
  } catch (error) {
    // A failed connect has already ended the client; disconnect() on an ended client holds the
    // process open for seconds after the error line.
    if (redis.status !== 'end') redis.disconnect();
    throw unavailable(target, failure ?? error);
  }
}

/** Why Redis cannot be used, in one line that names neither the password nor a stack. */
function unavailable(target: RedisTarget, error: unknown): DashwatchError {
  const message = error instanceof Error ? error.message : String(error);
  const where = describeRedisTarget(target);
  const refused = /WRONGPASS|NOAUTH|invalid password|invalid username-password/i.exec(message);
  const detail =
    refused !== null
      ? `Redis at ${where} refused the credentials (${refused[0]}): check the user and password in REDIS_URL`
      : `cannot reach Redis at ${where} (is it running? set REDIS_URL)`;
  return new DashwatchError(detail, { code: 'RedisUnavailable', retryable: false });
}
