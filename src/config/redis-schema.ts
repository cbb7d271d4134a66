import { z } from 'zod';
import { parseRedisUrl, type RedisTarget } from '../core/redis-target.js';
import { duration } from './fields.js';

const node = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
});

const DEFAULT_URL = 'redis://127.0.0.1:6379';

/**
 * `redis:` — one server by URL (`redis+sentinel://` and `redis+cluster://` URLs included), or a
 * Sentinel set (`sentinels` + `name`), or a Cluster (`cluster`). `target` is what the connections use.
 */
export const redisSchema = z
  .strictObject({
    url: z
      .string()
      .superRefine((value, ctx) => {
        const target = parseRedisUrl(value);
        if (typeof target === 'string') ctx.addIssue({ code: 'custom', message: target });
      })
      .optional(),
    /** Sentinel: where the sentinels listen, and the master's name as they know it. */
    sentinels: z.array(node).min(1).optional(),
    name: z.string().min(1).optional(),
    /** Cluster: some of its nodes (the rest are discovered). */
    cluster: z.array(node).min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    sentinelPassword: z.string().min(1).optional(),
    db: z.number().int().min(0).optional(),
    /** TLS to Redis (and to the sentinels) for `sentinels`/`cluster`; URLs say it with `rediss`. */
    tls: z.boolean().default(false),
    prefix: z.string().min(1).default('dashwatch'),
    /** A Redis problem (refusing writes, not answering) lasting this long is announced once. */
    failingAfter: duration(1000).default(60_000),
    /**
     * After a snapshot commit or a delivery mark, wait this long at most for one replica to have it
     * (Redis `WAIT`), when the master has replicas; 0 turns it off.
     */
    replicaWait: duration(0, 10_000).default(250),
  })
  .superRefine((redis, ctx) => {
    const ways = [redis.url, redis.sentinels, redis.cluster].filter((way) => way !== undefined).length;
    if (ways > 1)
      ctx.addIssue({ code: 'custom', message: 'set one of url, sentinels or cluster', path: ['url'] });
    if (redis.sentinels !== undefined && redis.name === undefined)
      ctx.addIssue({ code: 'custom', message: 'the master name is needed with sentinels', path: ['name'] });
    const structured = redis.sentinels !== undefined || redis.cluster !== undefined;
    for (const key of ['username', 'password', 'db', 'name', 'sentinelPassword'] as const) {
      if (redis[key] !== undefined && !structured)
        ctx.addIssue({
          code: 'custom',
          message: 'only with sentinels or cluster (a URL carries it)',
          path: [key],
        });
    }
    if (redis.cluster !== undefined) {
      for (const key of ['name', 'sentinelPassword', 'db'] as const)
        if (redis[key] !== undefined)
          ctx.addIssue({ code: 'custom', message: 'not for a cluster', path: [key] });
    }
  })
  .transform(({ url, sentinels, name, cluster, username, password, sentinelPassword, db, tls, ...rest }) => ({
    ...rest,
    target: targetOf({ url, sentinels, name, cluster, username, password, sentinelPassword, db, tls }),
  }))
  .prefault({});

function targetOf(redis: {
  url?: string | undefined;
  sentinels?: { host: string; port: number }[] | undefined;
  name?: string | undefined;
  cluster?: { host: string; port: number }[] | undefined;
  username?: string | undefined;
  password?: string | undefined;
  sentinelPassword?: string | undefined;
  db?: number | undefined;
  tls: boolean;
}): RedisTarget {
  const auth = {
    ...(redis.username === undefined ? {} : { username: redis.username }),
    ...(redis.password === undefined ? {} : { password: redis.password }),
  };
  if (redis.sentinels !== undefined)
    return {
      mode: 'sentinel',
      sentinels: redis.sentinels,
      name: redis.name ?? '',
      db: redis.db ?? 0,
      tls: redis.tls,
      ...auth,
      ...(redis.sentinelPassword === undefined ? {} : { sentinelPassword: redis.sentinelPassword }),
    };
  if (redis.cluster !== undefined) return { mode: 'cluster', nodes: redis.cluster, tls: redis.tls, ...auth };
  const parsed = parseRedisUrl(redis.url ?? DEFAULT_URL);
  // An invalid URL was reported by the refinement; the transform does not run then.
  return typeof parsed === 'string' ? { mode: 'single', url: DEFAULT_URL } : parsed;
}
