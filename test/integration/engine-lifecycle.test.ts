import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { watchId } from '../../src/core/watch.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';
import { NOTIFY_QUEUE, POLL_QUEUE } from '../../src/queue/names.js';
import { schedulerId } from '../../src/watch/index.js';
import {
  type EngineProcess,
  killAll,
  type LogLine,
  spawnEngine,
  waitUntil,
} from '../support/engine-process.js';
import { expectOneSchedulerPerWatch } from '../support/poll-queue.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const SIM_KEY = 'sk-sim-lifecycle-0123456789';
const FINE_TUNES = watchId('acct', 'fine_tune');

let sim: RunningSimulator;
let redis: TestRedis;
let pollQueue: Queue;
let notifyQueue: Queue;
beforeEach(async () => {
  sim = await startSimulator({ apiKeys: [SIM_KEY] });
  redis = testRedis('lifecycle');
  pollQueue = new Queue(POLL_QUEUE, { connection: redis.client, prefix: redis.prefix });
  notifyQueue = new Queue(NOTIFY_QUEUE, { connection: redis.client, prefix: redis.prefix });
});
afterEach(async () => {
  await killAll();
  await Promise.all([pollQueue.close(), notifyQueue.close()]);
  await sim.close();
  await redis.cleanup();
});

function engine(env: Record<string, string>): EngineProcess {
  return spawnEngine({
    REDIS_URL: redis.url,
    PREFIX: redis.prefix,
    SIM_URL: sim.url,
    SIM_KEY,
    WATCH_KINDS: 'fine_tune',
    INTERVAL_MS: '300',
    ...env,
  });
}

const logged = (child: EngineProcess, msg: string) => child.logs.find((line) => line.msg === msg);

/** A baselined fine-tune watch whose polls now answer slowly; resolves once a slow poll is in flight. */
async function slowPollInFlight(child: EngineProcess, fault: { type: 'slow' | 'hang'; delayMs?: number }) {
  const [job] = sim.sim.createJobs({ kind: 'fine_tune', count: 2, status: 'RUNNING' });
  await child.ready();
  await waitUntil(() => child.cycles(FINE_TUNES).length > 0, 'the baseline poll');
  sim.sim.injectFault({ ...fault, probability: 1, match: { path: '/api/v1/fine-tunes' } });
  await waitUntil(() => sim.sim.requests().some((r) => r.status === 0), 'a poll waiting on the simulator');
  // The answer is rendered when it is sent, so the poll in flight will see this change.
  sim.sim.setStatus(job?.id ?? '', 'SUCCEEDED');
}

describe('graceful shutdown', () => {
  test('SIGTERM: takes no new poll, finishes the one in flight, exits 0 by itself', async () => {
    const child = engine({ STOP_TIMEOUT_MS: '10000' });
    await slowPollInFlight(child, { type: 'slow', delayMs: 1500 });
    const signalledAt = Date.now();
    child.child.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    const tookMs = Date.now() - signalledAt;

    const stopping = logged(child, 'stopping') as LogLine;
    const cycles = child.cycles(FINE_TUNES);
    // Every poll began before the signal; at least one ended after it, and it committed.
    expect(cycles.filter((line) => line.time - (line.durationMs ?? 0) > stopping.time)).toEqual([]);
    const finished = cycles.filter((line) => line.time > stopping.time);
    expect(finished.length).toBeGreaterThan(0);
    expect(finished.map((line) => line.result)).toContain('committed');
    const events = (await notifyQueue.getJobs(['wait'])).map(
      (job) => job.data as { type: string; to?: string },
    );
    expect(events).toEqual([expect.objectContaining({ type: 'transition', to: 'SUCCEEDED' })]);
    // Nothing was cut short and nothing had to be forced.
    expect(logged(child, 'in-flight polls did not finish in time; aborting them')).toBeUndefined();
    expect(logged(child, 'handles still open after stopping; forcing exit')).toBeUndefined();
    expect(tookMs).toBeLessThan(8000);
  });

  test('a poll that outlives the stop timeout is aborted, and the process still exits by itself', async () => {
    const child = engine({ STOP_TIMEOUT_MS: '500' });
    await slowPollInFlight(child, { type: 'hang' });
    child.child.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(logged(child, 'in-flight polls did not finish in time; aborting them')).toBeDefined();
    expect(logged(child, 'handles still open after stopping; forcing exit')).toBeUndefined();
    // An aborted poll is not a change.
    expect(await notifyQueue.getJobCounts('wait')).toEqual({ wait: 0 });
  });

  test('a second signal while stopping exits at once, non-zero', async () => {
    const child = engine({ STOP_TIMEOUT_MS: '10000' });
    await slowPollInFlight(child, { type: 'slow', delayMs: 8000 });
    child.child.kill('SIGTERM');
    await waitUntil(() => logged(child, 'stopping'), 'the stopping line');
    const secondAt = Date.now();
    child.child.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit.code).not.toBe(0);
    expect(exit).toEqual({ code: 128 + 15, signal: null });
    expect(Date.now() - secondAt).toBeLessThan(2000);
  });
});

describe('reconciling schedulers', () => {
  test('a watch removed from config loses its scheduler on the next start; a changed interval is applied', async () => {
    const first = engine({ WATCH_KINDS: 'fine_tune,model_import', INTERVAL_MS: '60000' });
    await first.ready();
    expect((await pollQueue.getJobSchedulers(0, -1)).map((s) => s.key).sort()).toEqual(
      [schedulerId(FINE_TUNES), schedulerId(watchId('acct', 'model_import'))].sort(),
    );
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });

    const second = engine({ WATCH_KINDS: 'fine_tune', INTERVAL_MS: '30000' });
    await second.ready();
    const schedulers = await pollQueue.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([[schedulerId(FINE_TUNES), 30000]]);
    await waitUntil(() => second.cycles(FINE_TUNES).length > 0, 'a poll at the new interval');
    await expectOneSchedulerPerWatch(pollQueue, [FINE_TUNES]);
  });

  test('a scheduler that lost its next poll is rescheduled on the next start', async () => {
    const first = engine({ INTERVAL_MS: '60000' });
    await first.ready();
    await waitUntil(() => first.cycles(FINE_TUNES).length > 0, 'the first poll');
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    // The state a worker leaves when it dies between taking a poll and scheduling the next one, or when
    // scheduling it fails (BullMQ then only emits an error): a scheduler that will never fire again.
    const [next] = await pollQueue.getDelayed();
    const nextId = next?.id ?? '';
    await redis.client.zrem(`${redis.prefix}:${POLL_QUEUE}:delayed`, nextId);
    await redis.client.del(`${redis.prefix}:${POLL_QUEUE}:${nextId}`);
    expect(await pollQueue.getJobSchedulers(0, -1)).toHaveLength(1);
    expect(await pollQueue.getDelayed()).toEqual([]);

    const second = engine({ INTERVAL_MS: '60000' });
    await second.ready();
    await expectOneSchedulerPerWatch(pollQueue, [FINE_TUNES]);
    expect(logged(second, 'a scheduler had no upcoming job; rescheduling it')).toBeDefined();
  });

  test('three processes reconciling at once leave exactly one scheduler per watch', async () => {
    const kinds = ['fine_tune', 'model_import', 'compression'] as const;
    const watches = kinds.map((kind) => watchId('acct', kind));
    const children = [1, 2, 3].map(() => engine({ WATCH_KINDS: kinds.join(','), INTERVAL_MS: '60000' }));
    await Promise.all(children.map((child) => child.ready()));
    const cyclesOf = (watch: string) => children.flatMap((child) => child.cycles(watch));
    // A new scheduler polls at once; after that the next poll is a minute away.
    await waitUntil(() => watches.every((w) => cyclesOf(w).length > 0), 'the first poll of every watch');
    await expectOneSchedulerPerWatch(pollQueue, watches);
    for (const watch of watches) expect(cyclesOf(watch)).toHaveLength(1);
    // Under the lock, the first process upserted each scheduler and the others left it alone.
    const upserts = children.flatMap((child) => child.logs.filter((line) => line.msg === 'scheduled'));
    expect(upserts.map((line) => line.scheduler).sort()).toEqual(watches.map(schedulerId).sort());
  });

  test('a checkpoint watch deferred for its fine-tunes polls again within seconds, not an interval later', async () => {
    const checkpoints = watchId('acct', 'checkpoint');
    // Fine-tune answers are slow, so the checkpoint watch's first cycle finds no fine-tune baseline.
    sim.sim.injectFault({
      type: 'slow',
      delayMs: 1500,
      probability: 1,
      match: { path: '/api/v1/fine-tunes' },
    });
    const child = engine({ WATCH_KINDS: 'fine_tune,checkpoint', INTERVAL_MS: '60000' });
    await child.ready();
    await waitUntil(
      () => child.cycles(checkpoints).some((line) => line.result === 'deferred'),
      'a deferred checkpoint cycle',
    );
    const deferredAt = Date.now();
    sim.sim.clearFaults();
    await waitUntil(
      () => child.cycles(checkpoints).some((line) => line.result === 'committed'),
      'a committed checkpoint cycle',
      15_000,
    );
    expect(Date.now() - deferredAt).toBeLessThan(15_000);
  });
});
