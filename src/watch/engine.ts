import { type Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { WATCH_DEFAULTS } from '../core/defaults.js';
import type { Logger } from '../core/logger.js';
import type { Watch } from '../core/watch.js';
import { KINDS } from '../kinds/registry.js';
import { closeWorkers } from '../queue/close-workers.js';
import { NOTIFY_QUEUE, POLL_QUEUE, POLL_WORKER_OPTIONS } from '../queue/names.js';
import { openQueue } from '../queue/open-queue.js';
import { guardWorker } from '../queue/worker-guard.js';
import { closeRedis, createRedis, within } from '../redis/connection.js';
import { SnapshotStore } from '../store/index.js';
import { ClientPool } from './client-pool.js';
import { CycleMemory } from './cycle-memory.js';
import { Heartbeat } from './heartbeat.js';
import { forwardOutbox } from './outbox-forwarder.js';
import { type CycleDeps, type CycleOutcome, type CycleSettings, runCycle } from './poll-cycle.js';
import { pollProcessor } from './poll-processor.js';
import { type PollJobData, pollSoon, reconcilePollSchedulers } from './schedulers.js';
import { startWatchdog } from './watchdog.js';

/** A cycle deferred for a peer watch's first cycle is tried again this soon, not an interval later. */
const DEFERRED_RETRY_MS = 3000;

export interface EngineOptions {
  redisUrl: string;
  /** Namespaces every key (BullMQ's and the snapshots') so deployments can share a Redis. */
  prefix: string;
  watches: readonly Watch[];
  settings: CycleSettings;
  logger: Logger;
  /** Watches polled at once by this process. */
  concurrency?: number;
  heartbeatUrl?: string;
  requestTimeoutMs?: number;
  /** A cycle still running after this long is aborted and fails. */
  cycleTimeoutMs?: number;
  /** Whether Redis answers and takes writes (a paused worker resumes once it does). */
  redisHealthy?: () => boolean;
  /** Called after every cycle this process ran (metrics). */
  onCycle?: (watch: Watch, outcome: CycleOutcome, durationMs: number) => void;
  /** What this process remembers of its watches; kept by the daemon across configuration reloads. */
  memory?: CycleMemory;
  /** How often the watchdog checks schedulers and the deployment marker (default 10 s). */
  watchdogIntervalMs?: number;
  /** Test hooks. */
  onStep?: CycleDeps['onStep'];
  now?: () => Date;
}

/** What a configuration reload may change without restarting the watch loop. */
export type EngineUpdate = Pick<
  EngineOptions,
  'watches' | 'settings' | 'heartbeatUrl' | 'requestTimeoutMs' | 'cycleTimeoutMs' | 'concurrency'
>;

/** The running watch loop of one process. */
export interface Engine {
  readonly redis: Redis;
  readonly store: SnapshotStore;
  readonly pollQueue: Queue<PollJobData>;
  readonly notifyQueue: Queue;
  /** The watches polled now. */
  watches(): readonly Watch[];
  /** Takes a new configuration: watches added and removed (schedulers follow at once), new settings. */
  update(next: EngineUpdate): Promise<void>;
  /** Stops taking polls, lets in-flight cycles finish within `timeoutMs`, then closes everything. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts the watch loop: reconciles one scheduler per watch, forwards events a crashed process left
 * behind, and runs a poll worker. Any number of processes may run it against one Redis.
 */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  const { prefix, logger } = options;
  const redis = createRedis(options.redisUrl, 'dashwatch');
  const store = new SnapshotStore(redis, prefix);
  const pollQueue = openQueue<PollJobData>(POLL_QUEUE, redis, prefix, logger);
  const notifyQueue = openQueue(NOTIFY_QUEUE, redis, prefix, logger);
  let current = options;
  let watches = new Map(options.watches.map((watch) => [watch.id, watch]));
  const closeQueues = async () => {
    await within(Promise.all([pollQueue.close(), notifyQueue.close()]), 1000);
    await closeRedis(redis);
  };
  try {
    await reconcilePollSchedulers(
      pollQueue,
      redis,
      `${prefix}:lock:schedulers`,
      [...watches.values()],
      logger,
    );
    for (const id of watches.keys()) await forwardOutbox(store, notifyQueue, id);
  } catch (error) {
    // A failed start must not leave connections that keep the process alive.
    await closeQueues().catch(() => redis.disconnect());
    throw error;
  }

  let clients = new ClientPool(logger, options.requestTimeoutMs);
  const heartbeatOf = (url: string | undefined) =>
    url === undefined ? undefined : new Heartbeat(url, logger);
  let heartbeat = heartbeatOf(options.heartbeatUrl);
  const memory = options.memory ?? new CycleMemory();
  const shutdown = new AbortController();
  const concurrency = options.concurrency ?? WATCH_DEFAULTS.concurrency;
  const processor = pollProcessor({
    redis,
    prefix,
    watches: () => watches,
    cycle: (watch, signal) =>
      runCycle(
        watch,
        {
          store,
          notifyQueue,
          api: clients.api(watch),
          kind: KINDS[watch.kind],
          settings: current.settings,
          logger,
          memory,
          ...(options.now ? { now: options.now } : {}),
          ...(options.onStep ? { onStep: options.onStep } : {}),
          ...(heartbeat ? { heartbeat: () => heartbeat?.ping() } : {}),
        },
        signal,
      ).then((outcome) => {
        if (outcome.result === 'deferred' && !shutdown.signal.aborted)
          pollSoon(pollQueue, watch.id, DEFERRED_RETRY_MS).catch((error: unknown) =>
            logger.warn({ watch: watch.id, err: error }, 'could not schedule an early poll'),
          );
        return outcome;
      }),
    concurrency: () => worker.concurrency,
    cycleTimeoutMs: () => current.cycleTimeoutMs ?? WATCH_DEFAULTS.cycleTimeoutMs,
    shutdown: shutdown.signal,
    logger,
    ...(options.onCycle ? { onCycle: options.onCycle } : {}),
  });
  // BullMQ closes only the connections it creates itself, not one passed in: this one is closed below.
  const workerRedis = createRedis(options.redisUrl, 'dashwatch-poll-worker');
  const worker = new Worker<PollJobData>(POLL_QUEUE, processor, {
    connection: workerRedis,
    prefix,
    concurrency,
    ...POLL_WORKER_OPTIONS,
  });
  guardWorker(worker, { name: 'poll', logger, healthy: options.redisHealthy ?? (() => true) });
  const watchdog = startWatchdog({
    redis,
    prefix,
    pollQueue,
    notifyQueue,
    watches: () => [...watches.values()],
    logger,
    ...(options.redisHealthy ? { redisHealthy: options.redisHealthy } : {}),
    ...(options.watchdogIntervalMs === undefined ? {} : { intervalMs: options.watchdogIntervalMs }),
  });
  // The first look remembers the deployment's marker: a later one that differs means Redis lost it.
  await watchdog.tick();

  return {
    redis,
    store,
    pollQueue,
    notifyQueue,
    watches: () => [...watches.values()],
    async update(next) {
      const before = watches;
      watches = new Map(next.watches.map((watch) => [watch.id, watch]));
      for (const id of before.keys()) if (!watches.has(id)) memory.forget(id);
      if (next.requestTimeoutMs !== current.requestTimeoutMs) {
        const old = clients;
        clients = new ClientPool(logger, next.requestTimeoutMs);
        void old.close();
      }
      heartbeat?.stop();
      heartbeat = heartbeatOf(next.heartbeatUrl);
      worker.concurrency = next.concurrency ?? WATCH_DEFAULTS.concurrency;
      current = { ...current, ...next };
      await reconcilePollSchedulers(pollQueue, redis, `${prefix}:lock:schedulers`, next.watches, logger);
    },
    async stop(timeoutMs = 8000) {
      watchdog.stop();
      heartbeat?.stop();
      const forced = await closeWorkers([worker], timeoutMs, () => shutdown.abort());
      if (forced) logger.warn({ timeoutMs }, 'in-flight polls did not finish in time; aborting them');
      await Promise.all([closeRedis(workerRedis), closeQueues(), clients.close()]);
    },
  };
}
