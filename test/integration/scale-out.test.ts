import { Queue } from 'bullmq';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { watchId } from '../../src/core/watch.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';
import { POLL_QUEUE } from '../../src/queue/names.js';
import { type EngineProcess, killAll, spawnEngine, waitUntil } from '../support/engine-process.js';
import { expectOneSchedulerPerWatch } from '../support/poll-queue.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const SIM_KEY = 'sk-sim-scale-0123456789';
const INTERVAL_MS = 1000;
const INTERVALS = 10;
const WATCHES = [watchId('acct', 'fine_tune'), watchId('acct', 'model_import')];

let sim: RunningSimulator;
let redis: TestRedis;
let pollQueue: Queue;
beforeEach(async () => {
  sim = await startSimulator({ apiKeys: [SIM_KEY] });
  redis = testRedis('scale');
  pollQueue = new Queue(POLL_QUEUE, { connection: redis.client, prefix: redis.prefix });
});
afterEach(async () => {
  await killAll();
  await pollQueue.close();
  await sim.close();
  await redis.cleanup();
});

test('two processes on one Redis poll each watch once per interval between them', async () => {
  sim.sim.createJobs({ kind: 'fine_tune', count: 3, status: 'RUNNING' });
  sim.sim.createJobs({ kind: 'model_import', count: 2, status: 'RUNNING' });
  const env = {
    REDIS_URL: redis.url,
    PREFIX: redis.prefix,
    SIM_URL: sim.url,
    SIM_KEY,
    WATCH_KINDS: 'fine_tune,model_import',
    INTERVAL_MS: String(INTERVAL_MS),
  };
  // Started together, so both reconcile the same schedulers at once.
  const children = [spawnEngine(env), spawnEngine(env)];
  await Promise.all(children.map((child) => child.ready()));
  const from = Date.now();
  const to = from + INTERVALS * INTERVAL_MS;
  const cyclesOf = (watch: string) => children.flatMap((child) => child.cycles(watch));
  // The window is complete once each watch has been polled after its end.
  await waitUntil(
    () => WATCHES.every((watch) => cyclesOf(watch).some((line) => line.time >= to)),
    'a poll of every watch after the window',
    INTERVALS * INTERVAL_MS + 5000,
  );

  const counts = WATCHES.map((watch) => {
    const inWindow = cyclesOf(watch).filter((line) => line.time >= from && line.time < to);
    const perProcess = children.map(
      (child) => child.cycles(watch).filter((l) => inWindow.includes(l)).length,
    );
    return { watch, polls: inWindow.length, perProcess };
  });
  console.info('polls per watch in %d intervals: %s', INTERVALS, JSON.stringify(counts));
  for (const { polls } of counts) {
    expect(polls).toBeGreaterThanOrEqual(INTERVALS - 1);
    expect(polls).toBeLessThanOrEqual(INTERVALS + 1);
  }
  const all = children.flatMap((child) => child.cycles());
  expect(all.filter((line) => line.result !== 'committed')).toEqual([]);
  // Both processes took part: the work is shared, not merely tolerated.
  for (const child of children) expect(child.cycles().length).toBeGreaterThan(0);

  // Checked once both stopped, so no poll is between being taken and scheduling its successor.
  await stopAll(children);
  await expectOneSchedulerPerWatch(pollQueue, WATCHES);
});

async function stopAll(children: readonly EngineProcess[]): Promise<void> {
  for (const child of children) child.child.kill('SIGTERM');
  const exits = await Promise.all(children.map((child) => child.exited));
  expect(exits).toEqual(children.map(() => ({ code: 0, signal: null })));
}
