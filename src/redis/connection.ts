import { Redis } from 'ioredis';

/**
 * A Redis connection as BullMQ workers need it: commands wait out a reconnect instead of failing,
 * so a Redis restart pauses dashwatch rather than crashing it.
 */
export function createRedis(url: string, name: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, connectionName: name });
  // Connection errors surface where they matter (the commands that fail, the RedisMonitor, the
  // workers' guards). Unheard, ioredis prints each one to stderr, a failed AUTH with its password.
  redis.on('error', () => {});
  return redis;
}

/**
 * Closes a connection politely (QUIT) if Redis answers within `timeoutMs`, else drops it: with Redis
 * unreachable, QUIT would wait for a reconnect forever and hold the process open.
 */
export async function closeRedis(connection: Redis, timeoutMs = 1000): Promise<void> {
  if (connection.status === 'end') return;
  let timer: NodeJS.Timeout | undefined;
  const quit = connection.quit().then(
    () => true,
    () => false,
  );
  const answered = await Promise.race([
    quit,
    new Promise<boolean>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, false);
    }),
  ]);
  clearTimeout(timer);
  if (!answered) connection.disconnect();
}

/** Settles `work` within `timeoutMs` whatever it does (a queue's close with Redis away). */
export async function within(work: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
