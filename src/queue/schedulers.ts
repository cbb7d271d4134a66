import type { JobSchedulerJson, JobsOptions, Queue } from 'bullmq';
import type { Logger } from '../core/logger.js';
import type { RedisClient } from '../redis/client.js';
import { withRedisLock } from '../redis/lock.js';

/** One job scheduler as it should be: how it repeats and the job it makes. */
export interface WantedScheduler<T> {
  repeat: { every: number } | { pattern: string; tz: string };
  job: { name: string; data: T; opts: JobsOptions };
}

export interface ReconcileOptions<T> {
  queue: Queue;
  redis: RedisClient;
  /** Serializes reconcilers across processes. */
  lockKey: string;
  /** Which existing schedulers this reconciler manages (others on the queue are left alone). */
  owns: (schedulerId: string) => boolean;
  wanted: ReadonlyMap<string, WantedScheduler<T>>;
  logger: Logger;
}

/**
 * Makes a queue's schedulers match `wanted`: one per id with its repeat, none for an id no longer
 * wanted, and a fresh next job for a scheduler that lost its own. Runs under a Redis lock because
 * concurrent upserts of one scheduler race in BullMQ (issues #3085, #2988) when processes start at once.
 * Returns how many schedulers it created, changed, revived or removed.
 */
export async function reconcileSchedulers<T>(options: ReconcileOptions<T>): Promise<number> {
  const { queue, wanted, logger } = options;
  return withRedisLock(options.redis, options.lockKey, async () => {
    let touched = 0;
    const existing = await queue.getJobSchedulers(0, -1);
    for (const scheduler of existing) {
      if (wanted.has(scheduler.key) || !options.owns(scheduler.key)) continue;
      await queue.removeJobScheduler(scheduler.key);
      touched += 1;
      logger.info({ scheduler: scheduler.key }, 'removed a scheduler no longer configured');
    }
    const current = new Map(existing.map((scheduler) => [scheduler.key, scheduler]));
    for (const [id, want] of wanted) {
      const scheduler = current.get(id);
      if (scheduler !== undefined && sameRepeat(scheduler, want)) {
        // An unchanged scheduler with a job to come is left alone: an upsert would only race the workers.
        if (await hasUpcomingJob(queue, id, scheduler.next)) continue;
        logger.warn({ scheduler: id }, 'a scheduler had no upcoming job; rescheduling it');
      }
      await queue.upsertJobScheduler(id, want.repeat, want.job);
      touched += 1;
      logger.info({ scheduler: id, ...want.repeat }, 'scheduled');
    }
    return touched;
  });
}

function sameRepeat(scheduler: JobSchedulerJson, want: WantedScheduler<unknown>): boolean {
  const { repeat } = want;
  if ('every' in repeat) return Number(scheduler.every) === repeat.every;
  return scheduler.pattern === repeat.pattern && scheduler.tz === repeat.tz;
}

/**
 * A worker creates a scheduler's next job only after taking the current one; if it dies in between, or
 * that write fails (BullMQ then just emits an error), the scheduler stays but never fires again.
 */
async function hasUpcomingJob(queue: Queue, id: string, next: number | undefined): Promise<boolean> {
  if (next !== undefined) {
    const state = await queue.getJobState(`repeat:${id}:${next}`);
    // An active one is still being taken by a worker, or stalled and due back once its lock expires.
    if (state !== 'unknown' && state !== 'completed' && state !== 'failed') return true;
  }
  // That job may have run just now and handed over to the next one: a scheduler that moved on is alive.
  const fresh = await queue.getJobScheduler(id);
  return fresh?.next !== undefined && fresh.next !== next;
}
