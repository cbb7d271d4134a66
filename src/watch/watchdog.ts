import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { every } from '../core/every.js';
import { LogThrottle } from '../core/log-throttle.js';
import type { Logger } from '../core/logger.js';
import type { Watch } from '../core/watch.js';
import { NOTIFY_JOB_OPTIONS } from '../queue/names.js';
import { DeploymentMarker, type Marker } from '../store/index.js';
import { type PollJobData, reconcilePollSchedulers } from './schedulers.js';
import { systemEvent } from './system-events.js';

/** Longer than a poll job's lock and stalled check (POLL_WORKER_OPTIONS), and two looks more. */
const SUSPECT_MS = 60_000;

export interface WatchdogOptions {
  redis: Redis;
  prefix: string;
  pollQueue: Queue<PollJobData>;
  notifyQueue: Queue;
  /** The watches this process is configured with now. */
  watches(): readonly Watch[];
  logger: Logger;
  /** Whether Redis answers and takes writes (RedisMonitor); while it does not, the watchdog waits. */
  redisHealthy?: () => boolean;
  /** How often to look; every `fullEvery`-th look also checks each scheduler's next poll. */
  intervalMs?: number;
  fullEvery?: number;
}

export interface Watchdog {
  /** One look now (tests, and right after start). */
  tick(): Promise<void>;
  stop(): void;
}

/**
 * Keeps the watch loop alive whatever happens to Redis. Every few seconds it checks that each watch
 * has its scheduler (BullMQ only creates them when asked: a Redis that lost its data would leave
 * polling stopped, with no log) and that the deployment's marker is the one this process saw — when
 * it is not, Redis lost dashwatch's state, which is announced once as `store_reset`.
 */
export function startWatchdog(options: WatchdogOptions): Watchdog {
  const { logger, prefix } = options;
  const markers = new DeploymentMarker(options.redis, prefix);
  const throttle = new LogThrottle();
  const fullEvery = options.fullEvery ?? 30;
  let known: { marker: Marker; seenAt: Date } | undefined;
  let ticks = 0;
  // Set by trouble (Redis refusing writes, a failed check): a worker may have failed to write a
  // scheduler's next job meanwhile, and the job it held stays locked until its lock lapses, so every look checks each scheduler's next poll until well after that.
  let suspectUntil = 0;
  const suspect = (): void => {
    suspectUntil = Date.now() + SUSPECT_MS;
  };

  const checkMarker = async (): Promise<boolean> => {
    const now = new Date();
    const marker = await markers.ensure(now);
    const lost = known !== undefined && known.marker.id !== marker.id ? known : undefined;
    known = { marker, seenAt: now };
    if (lost === undefined) return false;
    const detail =
      `Redis lost dashwatch's state (snapshots, schedules, queued notifications, digest windows) some time ` +
      `after ${lost.seenAt.toISOString()}. Each watch re-reads its jobs: those that finished since are ` +
      'reported, the rest is recorded silently. Notifications that were queued at the time may be lost.';
    logger.error(
      { lostMarker: lost.marker.id, lastSeenAt: lost.seenAt.toISOString() },
      'redis lost its state',
    );
    // Every process that saw the old marker raises the same event: the notify queue keeps one.
    const event = systemEvent('store_reset', detail, lost.seenAt.getTime(), prefix, lost.marker.id);
    await options.notifyQueue.add(event.type, event, { ...NOTIFY_JOB_OPTIONS, jobId: event.id });
    return true;
  };

  const checkSchedulers = async (force: boolean): Promise<void> => {
    const watches = options.watches();
    if (!force && (await options.pollQueue.getJobSchedulersCount()) === watches.length) return;
    const changed = await reconcilePollSchedulers(
      options.pollQueue,
      options.redis,
      `${prefix}:lock:schedulers`,
      watches,
      logger,
    );
    if (changed > 0) logger.warn({ schedulers: changed }, 'restored the schedulers of watches that had none');
  };

  const tick = async (): Promise<void> => {
    ticks += 1;
    if (options.redisHealthy?.() === false) {
      suspect();
      return;
    }
    try {
      const reset = await checkMarker();
      await checkSchedulers(reset || Date.now() < suspectUntil || ticks % fullEvery === 0);
    } catch (error) {
      suspect();
      throttle.log(logger, 'warn', 'watchdog', { err: error }, 'watchdog check failed; trying again shortly');
    }
  };

  const repeating = every(options.intervalMs ?? 10_000, tick);
  return { tick: repeating.now, stop: repeating.stop };
}
