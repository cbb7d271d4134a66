import type { RedisClient } from './client.js';
import { scanKeys } from './scan.js';

/** Deletes every key under `prefix:` (SCAN, so a large keyspace is not blocked). */
export async function deleteKeysWithPrefix(redis: RedisClient, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
  for await (const { node, keys } of scanKeys(redis, pattern)) {
    if (!redis.isCluster) {
      await node.unlink(...keys);
      continue;
    }
    // A cluster refuses one UNLINK over keys of several slots: one per key, pipelined.
    const pipeline = node.pipeline();
    for (const key of keys) pipeline.unlink(key);
    await pipeline.exec();
  }
}
