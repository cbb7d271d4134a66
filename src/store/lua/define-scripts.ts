import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from '../../redis/client.js';

/** A Lua script as ioredis `defineCommand` takes it. */
export interface ScriptDefinition {
  numberOfKeys: number;
  lua: string;
}

/**
 * Defines `scripts` on `redis` (once per connection; ioredis runs them by EVALSHA and loads them when
 * the server lost them) and returns the connection typed with them.
 */
export function defineScripts<T>(redis: RedisClient, scripts: Record<keyof T & string, ScriptDefinition>): T {
  for (const [name, definition] of Object.entries<ScriptDefinition>(scripts)) {
    if (!(name in redis)) redis.defineCommand(name, definition);
  }
  return redis as unknown as T;
}

/**
 * The scripts of a connection as queued in one of its pipelines (ioredis copies a connection's defined
 * commands into its pipelines); the replies come from the pipeline's `exec`, not these calls.
 */
export function pipelinedScripts<T>(pipeline: ChainableCommander): T {
  return pipeline as unknown as T;
}
