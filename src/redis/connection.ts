import { Redis } from 'ioredis';

/**
 * A Redis connection as BullMQ workers need it: commands wait out a reconnect instead of failing,
 * so a Redis restart pauses dashwatch rather than crashing it.
 */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name });
}
