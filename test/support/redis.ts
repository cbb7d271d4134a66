import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { deleteKeysWithPrefix } from '../../src/redis/delete-prefix.js';

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
      await deleteKeysWithPrefix(client, prefix);
      await client.quit();
    },
  };
}
