import type { Redis } from 'ioredis';

/** A Lua script as ioredis `defineCommand` takes it. */
export interface ScriptDefinition {
  numberOfKeys: number;
  lua: string;
}

/**
 * Defines `scripts` on `redis` (once per connection; ioredis runs them by EVALSHA and loads them when
 * the server lost them) and returns the connection typed with them.
 */
export function defineScripts<T>(redis: Redis, scripts: Record<keyof T & string, ScriptDefinition>): T {
  for (const [name, definition] of Object.entries<ScriptDefinition>(scripts)) {
    if (!(name in redis)) redis.defineCommand(name, definition);
  }
  return redis as unknown as T;
}
