import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/logger.js';
import type { Watch } from '../core/watch.js';
import { POLL_JOB_OPTIONS, schedulerId, watchIdOfScheduler } from './names.js';
import { withRedisLock } from './redis-lock.js';

/** Data of each poll job: which watch to poll. */
export interface PollJobData {
  watchId: string;
}

/**
 * Makes the poll queue's schedulers match `watches`: one per watch at its interval, and none for a
 * watch no longer configured. Runs under a Redis lock because concurrent upserts of one scheduler
 * race in BullMQ (issues #3085, #2988) when several processes start at once.
 */
export async function reconcileSchedulers(
  pollQueue: Queue<PollJobData>,
  redis: Redis,
  lockKey: string,
  watches: readonly Watch[],
  logger: Logger,
): Promise<void> {
  await withRedisLock(redis, lockKey, async () => {
    const wanted = new Map(watches.map((watch) => [schedulerId(watch.id), watch]));
    const existing = await pollQueue.getJobSchedulers(0, -1);
    for (const scheduler of existing) {
      const id = scheduler.key;
      if (wanted.has(id) || watchIdOfScheduler(id) === undefined) continue;
      await pollQueue.removeJobScheduler(id);
      logger.info({ scheduler: id }, 'removed the scheduler of a watch no longer configured');
    }
    const current = new Map(existing.map((scheduler) => [scheduler.key, scheduler.every]));
    for (const [id, watch] of wanted) {
      // Re-upserting an unchanged scheduler would move its next run; leave it alone.
      if (Number(current.get(id)) === watch.intervalMs) continue;
      await pollQueue.upsertJobScheduler(
        id,
        { every: watch.intervalMs },
        { name: 'poll', data: { watchId: watch.id }, opts: POLL_JOB_OPTIONS },
      );
      logger.info({ scheduler: id, intervalMs: watch.intervalMs }, 'scheduled a watch');
    }
  });
}
