import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { DashwatchEvent } from '../../src/core/types.js';
import type { Watch } from '../../src/core/watch.js';
import { NOTIFY_QUEUE } from '../../src/queue/names.js';
import { SnapshotStore, watchKeys } from '../../src/store/index.js';
import type { CycleStep } from '../../src/watch/index.js';
import { killAll, spawnEngine, waitUntil } from '../support/engine-process.js';
import { createHarness, type Harness, SIM_KEY } from '../support/watch-harness.js';

const STEPS: CycleStep[] = ['after-fetch', 'after-diff', 'after-commit', 'after-enqueue'];
const ALL_STATES = ['wait', 'delayed', 'prioritized', 'active', 'completed', 'failed'] as const;

let h: Harness;
let ref: { store: SnapshotStore; notifyQueue: Queue };
beforeEach(async () => {
  h = await createHarness('crash');
  // The reference runs the same cycles in-process under a prefix of its own.
  const refPrefix = `${h.redis.prefix}:ref`;
  ref = {
    store: new SnapshotStore(h.redis.client, refPrefix),
    notifyQueue: new Queue(NOTIFY_QUEUE, { connection: h.redis.client, prefix: refPrefix }),
  };
});
afterEach(async () => {
  await killAll();
  await ref.notifyQueue.close();
  await h.close();
});

async function queued(queue: Queue): Promise<DashwatchEvent[]> {
  const jobs = await queue.getJobs([...ALL_STATES], 0, -1);
  return jobs.map((job) => job.data as DashwatchEvent);
}

async function outboxLength(watches: readonly Watch[]): Promise<number> {
  const lengths = await Promise.all(
    watches.map((w) => h.redis.client.llen(watchKeys(h.redis.prefix, w.id).outbox)),
  );
  return lengths.reduce((a, b) => a + b, 0);
}

describe.each(STEPS)('SIGKILL at %s', (step) => {
  test('the restarted process delivers every change exactly once', async () => {
    const watches = [h.watch('fine_tune'), h.watch('model_import')];
    const tunes = h.sim.sim.createJobs({ kind: 'fine_tune', count: 4, status: 'RUNNING' });
    const imports = h.sim.sim.createJobs({ kind: 'model_import', count: 3, status: 'RUNNING' });
    // One clock for both baselines: a first-seen job's `since` (part of its event ids) may be that clock.
    const at = new Date();
    for (const watch of watches) {
      expect((await h.cycle(watch, { now: () => at })).events).toBe(0);
      expect((await h.cycle(watch, { ...ref, now: () => at })).events).toBe(0);
    }

    const id = (refs: { id: string }[], i: number) => refs[i]?.id ?? '';
    const changes: [string, string, string][] = [
      [id(tunes, 0), 'SUCCEEDED', 'SUCCEEDED'],
      [id(tunes, 1), 'FAILED', 'FAILED'],
      [id(tunes, 2), 'CANCELED', 'CANCELED'],
      [id(imports, 0), 'SUCCESSED', 'SUCCEEDED'],
      [id(imports, 1), 'FAILED', 'FAILED'],
    ];
    for (const [jobId, raw] of changes) h.sim.sim.setStatus(jobId, raw);
    const born = [
      ...h.sim.sim.createJobs({ kind: 'fine_tune', count: 1 }),
      ...h.sim.sim.createJobs({ kind: 'model_import', count: 1 }),
    ];
    for (const watch of watches) await h.cycle(watch, ref);
    const expected = await queued(ref.notifyQueue);
    // The reference itself must see exactly the changes made: one event per (job, new status).
    expect(expected.map((e) => `${'job' in e ? e.job.id : ''}>${'to' in e ? e.to : ''}`).sort()).toEqual(
      [...changes.map(([jobId, , to]) => `${jobId}>${to}`), ...born.map((b) => `${b.id}>PENDING`)].sort(),
    );
    const expectedIds = expected.map((e) => e.id).sort();

    const env = {
      REDIS_URL: h.redis.url,
      PREFIX: h.redis.prefix,
      SIM_URL: h.sim.url,
      SIM_KEY,
      WATCH_KINDS: 'fine_tune,model_import',
      INTERVAL_MS: '500',
    };
    const crashing = spawnEngine({ ...env, CRASH_AT: step });
    await waitUntil(() => crashing.lines.includes(`STEP ${step}`), `STEP ${step}`, 15_000);
    crashing.child.kill('SIGKILL');
    expect((await crashing.exited).signal).toBe('SIGKILL');
    // The kill landed where meant: every watch's cycle holds at the same step, so none got further.
    const committed = await outboxLength(watches);
    const enqueued = (await queued(h.notifyQueue)).map((e) => e.id);
    if (step === 'after-fetch' || step === 'after-diff') expect([committed, enqueued.length]).toEqual([0, 0]);
    if (step === 'after-commit') expect([committed > 0, enqueued.length]).toEqual([true, 0]);
    if (step === 'after-enqueue') expect([committed > 0, enqueued.length > 0]).toEqual([true, true]);
    expect(expectedIds).toEqual(expect.arrayContaining(enqueued));

    const recovering = spawnEngine(env);
    await recovering.ready();
    await waitUntil(
      async () =>
        (await queued(h.notifyQueue)).length >= expectedIds.length && (await outboxLength(watches)) === 0,
      'the expected events in the notify queue and empty outboxes',
      15_000,
    );
    const settledAt = Date.now();
    // One more cycle of each watch after that: a late duplicate would show up now.
    await waitUntil(
      () => watches.every((w) => recovering.cycles(w.id).some((line) => line.time > settledAt)),
      'a cycle of each watch after recovery',
      10_000,
    );

    const delivered = await queued(h.notifyQueue);
    expect(delivered.map((e) => e.id).sort()).toEqual(expectedIds);
    const counts = await h.notifyQueue.getJobCounts(...ALL_STATES);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(expectedIds.length);
    expect(await outboxLength(watches)).toBe(0);
    expect(recovering.cycles().filter((line) => line.result === 'failed')).toEqual([]);
  });
});
