import type { TestProject } from 'vitest/node';
import { DEFAULT_REDIS_URL, ensureRedis, RedisUnavailableError } from '../../src/dev/ephemeral-redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/** Finds or starts the Redis every integration test shares; each test isolates its own keys. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const redis = await ensureRedis(process.env.REDIS_URL ?? DEFAULT_REDIS_URL);
    project.provide('redisUrl', redis.url);
    return () => redis.stop();
  } catch (error) {
    if (error instanceof RedisUnavailableError) {
      // One clear line instead of a stack trace.
      process.stderr.write(`dashwatch tests: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
