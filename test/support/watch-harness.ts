import { Queue } from 'bullmq';
import { createLogger, type Logger } from '../../src/core/logger.js';
import { type DashwatchEvent, isWatchEvent, type JobEvent, type JobKind } from '../../src/core/types.js';
import { type Watch, watchId } from '../../src/core/watch.js';
import { createDashScopeClient, type DashScopeClient } from '../../src/dashscope/index.js';
import {
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '../../src/dev/simulator/index.js';
import { DEFAULT_POLLER_SETTINGS, type JobsApi, KINDS } from '../../src/kinds/index.js';
import { NOTIFY_QUEUE } from '../../src/queue/names.js';
import {
  DEFAULT_DIFF_SETTINGS,
  type SnapEntry,
  SnapshotStore,
  type WatchHealthState,
} from '../../src/store/index.js';
import { jobsApiFromClient } from '../../src/watch/client-jobs-api.js';
import {
  type CycleDeps,
  type CycleOutcome,
  type CycleSettings,
  runCycle,
} from '../../src/watch/poll-cycle.js';
import { type TestRedis, testRedis } from './redis.js';

export const SIM_KEY = 'sk-sim-harness-0123456789';

/** A simulator, a Redis key prefix, a store and a notify queue: one watch loop without schedulers. */
export interface Harness {
  sim: RunningSimulator;
  redis: TestRedis;
  store: SnapshotStore;
  notifyQueue: Queue;
  client: DashScopeClient;
  api: JobsApi;
  logger: Logger;
  settings: CycleSettings;
  watch(kind: JobKind, account?: string): Watch;
  /** Runs one cycle of `watch`; `overrides` replace deps (a clock, step hooks). */
  cycle(watch: Watch, overrides?: Partial<CycleDeps>): Promise<CycleOutcome>;
  /** Every event in the notify queue, oldest first. */
  notified(): Promise<DashwatchEvent[]>;
  /** The job events in the notify queue, oldest first. */
  jobEvents(): Promise<JobEvent[]>;
  /** Everything the store holds for `watch`, to prove a cycle changed nothing. */
  snapshot(watch: Watch): Promise<WatchSnapshot>;
  close(): Promise<void>;
}

export interface WatchSnapshot {
  version: number;
  notes: Record<string, string>;
  health: WatchHealthState;
  entries: Map<string, SnapEntry>;
  outbox: number;
}

/** Knobs of the harness's own parts (the cycle's settings are the other argument). */
export interface HarnessOptions {
  /** Per-attempt client timeout; default 2000 ms. */
  timeoutMs?: number;
  importOrder?: SimulatorOptions['importOrder'];
}

export async function createHarness(
  label: string,
  settings: Partial<CycleSettings> = {},
  options: HarnessOptions = {},
): Promise<Harness> {
  const sim = await startSimulator({
    apiKeys: [SIM_KEY],
    ...(options.importOrder === undefined ? {} : { importOrder: options.importOrder }),
  });
  const redis = testRedis(label);
  const store = new SnapshotStore(redis.client, redis.prefix);
  const notifyQueue = new Queue(NOTIFY_QUEUE, { connection: redis.client, prefix: redis.prefix });
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const client = createDashScopeClient({
    apiKey: SIM_KEY,
    baseUrl: sim.url,
    timeoutMs: options.timeoutMs ?? 2000,
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
  });
  const api = jobsApiFromClient(client);
  const cycleSettings: CycleSettings = {
    poller: DEFAULT_POLLER_SETTINGS,
    diff: DEFAULT_DIFF_SETTINGS,
    failingAfter: 3,
    ...settings,
  };
  const harness: Harness = {
    sim,
    redis,
    store,
    notifyQueue,
    client,
    api,
    logger,
    settings: cycleSettings,
    watch: (kind, account = 'acct') => ({
      id: watchId(account, kind),
      account,
      kind,
      intervalMs: 1000,
      timeZone: 'Asia/Shanghai',
      connection: { apiKey: SIM_KEY, baseUrl: sim.url },
    }),
    cycle: (watch, overrides = {}) =>
      runCycle(
        watch,
        {
          store,
          notifyQueue,
          api,
          kind: KINDS[watch.kind],
          settings: cycleSettings,
          logger,
          ...overrides,
        },
        new AbortController().signal,
      ),
    async notified() {
      const jobs = await notifyQueue.getJobs(
        ['wait', 'delayed', 'active', 'completed', 'failed'],
        0,
        -1,
        true,
      );
      return jobs.map((job) => job.data as DashwatchEvent);
    },
    async jobEvents() {
      return (await harness.notified()).filter((event): event is JobEvent => !isWatchEvent(event));
    },
    async snapshot(watch) {
      const view = await store.loadView(watch.id);
      const entries = await store.loadAll(watch.id);
      const outbox = (await store.readOutbox(watch.id, 10_000)).length;
      return { version: view.version, notes: view.notes, health: view.health, entries, outbox };
    },
    async close() {
      await notifyQueue.close();
      await client.close();
      await sim.close();
      await redis.cleanup();
    },
  };
  return harness;
}

/** Events per job id as `type` or `type:from>to` strings, in the order they were queued. */
export function trailByJob(events: readonly JobEvent[]): Map<string, string[]> {
  const trails = new Map<string, string[]>();
  for (const event of events) {
    const step =
      event.type === 'transition'
        ? `transition:${event.from}>${event.to}`
        : event.type === 'created'
          ? `created:${event.to}`
          : event.type;
    trails.set(event.job.id, [...(trails.get(event.job.id) ?? []), step]);
  }
  return trails;
}

/** The one event of `type` (and status `to`) for `jobId`; throws when there is not exactly one. */
export function onlyEvent(
  events: readonly JobEvent[],
  jobId: string,
  type: JobEvent['type'],
  to?: JobEvent['to'],
): JobEvent {
  const found = events.filter(
    (e) => e.job.id === jobId && e.type === type && (to === undefined || e.to === to),
  );
  if (found.length !== 1 || found[0] === undefined) {
    throw new Error(`expected one ${type} event for ${jobId}, found ${found.length}`);
  }
  return found[0];
}

/** `list[index]`, or a thrown error instead of undefined. */
export function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`nothing at ${index}`);
  return item;
}
