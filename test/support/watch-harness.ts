import { Queue } from 'bullmq';
import { createLogger, type Logger } from '../../src/core/logger.js';
import type { DashwatchEvent, JobKind } from '../../src/core/types.js';
import { type Watch, watchId } from '../../src/core/watch.js';
import { createDashScopeClient, type DashScopeClient } from '../../src/dashscope/index.js';
import { jobsApiFromClient } from '../../src/pollers/client-jobs-api.js';
import { DEFAULT_POLLER_SETTINGS, type JobsApi, pollers } from '../../src/pollers/index.js';
import { NOTIFY_QUEUE } from '../../src/queue/names.js';
import {
  type CycleDeps,
  type CycleOutcome,
  type CycleSettings,
  runCycle,
} from '../../src/queue/poll-cycle.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/index.js';
import { DEFAULT_DIFF_SETTINGS, SnapshotStore } from '../../src/store/index.js';
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
  close(): Promise<void>;
}

export async function createHarness(label: string, settings: Partial<CycleSettings> = {}): Promise<Harness> {
  const sim = await startSimulator({ apiKeys: [SIM_KEY] });
  const redis = testRedis(label);
  const store = new SnapshotStore(redis.client, redis.prefix);
  const notifyQueue = new Queue(NOTIFY_QUEUE, { connection: redis.client, prefix: redis.prefix });
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const client = createDashScopeClient({
    apiKey: SIM_KEY,
    baseUrl: sim.url,
    timeoutMs: 2000,
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
          poller: pollers[watch.kind],
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
    async close() {
      await notifyQueue.close();
      await client.close();
      await sim.close();
      await redis.cleanup();
    },
  };
  return harness;
}
