import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/logger.js';
import { guardQueue } from './worker-guard.js';

/** A BullMQ queue on `connection` whose errors are logged (throttled), never printed raw. */
export function openQueue<T>(name: string, connection: Redis, prefix: string, logger: Logger): Queue<T> {
  const queue = new Queue<T>(name, { connection, prefix });
  guardQueue(queue as Queue, { name, logger });
  return queue;
}
