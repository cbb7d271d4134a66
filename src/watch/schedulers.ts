import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/logger.js';
import type { Watch } from '../core/watch.js';
import { POLL_JOB_OPTIONS, schedulerId, watchIdOfScheduler } from '../queue/names.js';
import { withRedisLock } from '../redis/lock.js';

/** Data of each poll job: which watch to poll. */
export interface PollJobData {
  watchId: string;
}

/**
 * Makes the poll queue's schedulers match `watches`: one per watch at its interval, none for a watch no
 * longer configured, and a new next poll for a scheduler that lost its own. Runs under a Redis lock
 * because concurrent upserts of one scheduler race in BullMQ (issues #3085, #2988) when several
 * processes start at once.
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
    const current = new Map(existing.map((scheduler) => [scheduler.key, scheduler]));
    for (const [id, watch] of wanted) {
      const scheduler = current.get(id);
      if (scheduler !== undefined && Number(scheduler.every) === watch.intervalMs) {
        // An unchanged scheduler with a poll to come is left alone: an upsert would only race the workers.
        if (await hasUpcomingPoll(pollQueue, id, scheduler.next)) continue;
        logger.warn({ scheduler: id }, 'a scheduler had no upcoming poll; rescheduling it');
      }
      await pollQueue.upsertJobScheduler(
        id,
        { every: watch.intervalMs },
        { name: 'poll', data: { watchId: watch.id }, opts: POLL_JOB_OPTIONS },
      );
      logger.info({ scheduler: id, intervalMs: watch.intervalMs }, 'scheduled a watch');
    }
  });
}

/**
 * A worker creates a scheduler's next job only after taking the current one; if it dies in between, or
 * that write fails (BullMQ then just emits an error), the scheduler stays but never fires again.
 */
async function hasUpcomingPoll(pollQueue: Queue<PollJobData>, id: string, next: number | undefined) {
  if (next !== undefined) {
    const state = await pollQueue.getJobState(`repeat:${id}:${next}`);
    // An active one is still being taken by a worker, or stalled and due back once its lock expires.
    if (state !== 'unknown' && state !== 'completed' && state !== 'failed') return true;
  }
  // That poll may have run just now and handed over to the next one: a scheduler that moved on is alive.
  const fresh = await pollQueue.getJobScheduler(id);
  return fresh?.next !== undefined && fresh.next !== next;
}
