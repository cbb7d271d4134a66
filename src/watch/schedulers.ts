import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/logger.js';
import type { Watch } from '../core/watch.js';
import { POLL_JOB_OPTIONS } from '../queue/names.js';
import { reconcileSchedulers, type WantedScheduler } from '../queue/schedulers.js';

/** Data of each poll job: which watch to poll. */
export interface PollJobData {
  watchId: string;
}

const SCHEDULER_PREFIX = 'watch:';

/** Scheduler ids are the watch ids: one scheduler per watch, shared by every process. */
export function schedulerId(watchId: string): string {
  return `${SCHEDULER_PREFIX}${watchId}`;
}

/** One poll scheduler per watch at its interval, and none for a watch no longer configured. */
export function reconcilePollSchedulers(
  pollQueue: Queue<PollJobData>,
  redis: Redis,
  lockKey: string,
  watches: readonly Watch[],
  logger: Logger,
): Promise<number> {
  const wanted = new Map<string, WantedScheduler<PollJobData>>(
    watches.map((watch) => [
      schedulerId(watch.id),
      {
        repeat: { every: watch.intervalMs },
        job: { name: 'poll', data: { watchId: watch.id }, opts: POLL_JOB_OPTIONS },
      },
    ]),
  );
  return reconcileSchedulers({
    queue: pollQueue,
    redis,
    lockKey,
    owns: (id) => id.startsWith(SCHEDULER_PREFIX),
    wanted,
    logger,
  });
}

/**
 * One extra poll of a watch shortly, outside its schedule: a cycle deferred because a peer watch has
 * not had its first cycle (checkpoints wait for their fine-tunes) would otherwise wait a whole
 * interval. One at a time per watch: the job id is taken while it waits or runs, freed after.
 */
export async function pollSoon(
  pollQueue: Queue<PollJobData>,
  watchId: string,
  delayMs: number,
): Promise<void> {
  await pollQueue.add(
    'poll',
    { watchId },
    { delay: delayMs, jobId: `soon-${watchId}`, attempts: 1, removeOnComplete: true, removeOnFail: true },
  );
}
