import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Watch } from '../../src/core/watch.js';
import { SnapshotStore } from '../../src/store/index.js';
import type { CycleStep } from '../../src/watch/poll-cycle.js';
import { createHarness, type Harness, trailByJob } from '../support/watch-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness('fencing');
});
afterEach(async () => {
  await h.close();
});

/** A gate a cycle waits at after `step` until the test opens it; `reached` resolves when it gets there. */
function gateAt(step: CycleStep) {
  let open = () => {};
  let arrive = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  const onStep = async (at: CycleStep) => {
    if (at !== step) return;
    arrive();
    await opened;
  };
  return { onStep, reached, open };
}

/** A watch with one fine-tune announced as PENDING. */
async function oneJob(): Promise<{ watch: Watch; job: string }> {
  const watch = h.watch('fine_tune');
  expect((await h.cycle(watch)).result).toBe('committed');
  const job = h.sim.sim.createJobs({ kind: 'fine_tune' })[0]?.id ?? '';
  expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 1 });
  return { watch, job };
}

describe('fencing: a commit computed from an older fetch never lands', () => {
  for (const step of ['after-fetch', 'after-diff'] as const) {
    test(`the older of two overlapping polls, held ${step}, comes back stale`, async () => {
      const { watch, job } = await oneJob();
      const sim = h.sim.sim;
      sim.setStatus(job, 'RUNNING');
      const gate = gateAt(step);
      const older = h.cycle(watch, { onStep: gate.onStep });
      await gate.reached;
      sim.setStatus(job, 'SUCCEEDED');
      expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 1 });
      const committed = await h.snapshot(watch);
      gate.open();
      expect(await older).toMatchObject({ result: 'stale', events: 0 });

      const after = await h.snapshot(watch);
      expect(after.entries.get(job)?.status).toBe('SUCCEEDED');
      expect(after.version).toBe(committed.version);
      expect(after.entries).toEqual(committed.entries);
      expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 0 });
      expect(trailByJob(await h.jobEvents()).get(job)).toEqual([
        'created:PENDING',
        'transition:PENDING>SUCCEEDED',
      ]);
    });
  }

  test('two processes on one Redis: the older poll loses to the newer one', async () => {
    const { watch, job } = await oneJob();
    const sim = h.sim.sim;
    const other = new Redis(h.redis.url, { maxRetriesPerRequest: null });
    try {
      const otherStore = new SnapshotStore(other, h.redis.prefix);
      sim.setStatus(job, 'RUNNING');
      const gate = gateAt('after-fetch');
      const older = h.cycle(watch, { store: otherStore, onStep: gate.onStep });
      await gate.reached;
      sim.setStatus(job, 'CANCELING');
      expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 1 });
      gate.open();
      expect(await older).toMatchObject({ result: 'stale', events: 0 });
    } finally {
      await other.quit();
    }
    expect((await h.snapshot(watch)).entries.get(job)?.status).toBe('CANCELING');
    expect(trailByJob(await h.jobEvents()).get(job)).toEqual([
      'created:PENDING',
      'transition:PENDING>CANCELING',
    ]);
  });
});
