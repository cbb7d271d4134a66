import { Queue } from 'bullmq';
import type { Logger } from '../core/logger.js';
import type { RedisClient } from '../redis/client.js';
import { queuePrefix } from './names.js';
import { guardQueue } from './worker-guard.js';

/** A BullMQ queue on `connection` whose errors are logged (throttled), never printed raw. */
export function openQueue<T>(
  name: string,
  connection: RedisClient,
  prefix: string,
  logger: Logger,
): Queue<T> {
  const queue = new Queue<T>(name, { connection, prefix: queuePrefix(prefix, name, connection) });
  guardQueue(queue as Queue, { name, logger });
  return queue;
}
