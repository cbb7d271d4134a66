import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** A Redis connection for one test, with a key prefix of its own that `cleanup` deletes. */
export interface TestRedis {
  url: string;
  prefix: string;
  client: Redis;
  cleanup(): Promise<void>;
}

export function testRedis(label = 'test'): TestRedis {
  const url = inject('redisUrl');
  const prefix = `dwtest:${label}:${randomUUID().slice(0, 8)}`;
  const client = new Redis(url, { maxRetriesPerRequest: null });
  return {
    url,
    prefix,
    client,
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await client.unlink(...keys);
      } while (cursor !== '0');
      await client.quit();
    },
  };
}
