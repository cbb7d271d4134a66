import { afterEach, describe, expect, test } from 'vitest';
import type { JobKind } from '../../src/core/types.js';
import type { SimJobKind } from '../../src/dev/simulator/index.js';
import { DEFAULT_DIFF_SETTINGS } from '../../src/store/index.js';
import { createHarness, type Harness } from '../support/watch-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const LONG_AGO = new Date(Date.now() - 30 * 86_400_000).toISOString();
const FINISHED: Record<SimJobKind, string[]> = {
  fine_tune: ['SUCCEEDED', 'FAILED', 'CANCELED'],
  model_import: ['SUCCESSED', 'FAILED'],
  compression: ['SUCCEEDED', 'FAILED', 'CANCELED'],
};
const LIVE: Record<SimJobKind, string[]> = {
  fine_tune: ['PENDING', 'QUEUING', 'RUNNING', 'CANCELING'],
  model_import: ['PENDING', 'RUNNING'],
  compression: ['PENDING', 'QUEUING', 'RUNNING', 'CANCELING'],
};

/** 500 old jobs of each kind, a few of them live, and a checkpointing fine-tune; returns the live ids. */
function oldAccount(h: Harness): Set<string> {
  const sim = h.sim.sim;
  const live = new Set<string>();
  for (const kind of ['fine_tune', 'model_import', 'compression'] as const) {
    const finished = 500 - 2 * LIVE[kind].length;
    FINISHED[kind].forEach((status, i) => {
      const count =
        Math.floor(finished / FINISHED[kind].length) + (i === 0 ? finished % FINISHED[kind].length : 0);
      sim.createJobs({ kind, count, status, createdAt: LONG_AGO, spacingMs: 1000 });
    });
    for (const status of LIVE[kind]) {
      for (const ref of sim.createJobs({ kind, count: 2, status, createdAt: LONG_AGO })) live.add(ref.id);
    }
  }
  const parent =
    sim.createJobs({ kind: 'fine_tune', model: 'cosyvoice-v3-flash', status: 'RUNNING' })[0]?.id ?? '';
  live.add(parent);
  sim.addCheckpoints(parent, { status: 'SUCCEEDED' });
  for (const ref of sim.addCheckpoints(parent)) live.add(ref.id);
  return live;
}

const KINDS: JobKind[] = ['fine_tune', 'checkpoint', 'model_import', 'compression'];

describe('first sight is a baseline', () => {
  test('an old account of 500 jobs per kind produces no event', async () => {
    h = await createHarness('baseline');
    oldAccount(h);
    for (const kind of KINDS) {
      expect(await h.cycle(h.watch(kind)), kind).toMatchObject({ result: 'committed', events: 0 });
    }
    expect((await h.snapshot(h.watch('fine_tune'))).entries.size).toBe(501);
    expect((await h.snapshot(h.watch('checkpoint'))).entries.size).toBe(2);
    // Nor does the next round: old jobs long in a status were noted as stuck on the baseline, silently.
    for (const kind of KINDS) {
      expect(await h.cycle(h.watch(kind)), kind).toMatchObject({ result: 'committed', events: 0 });
    }
    expect(await h.notified()).toEqual([]);
  });

  test('with notifyExisting, the live jobs (and only they) are announced as created', async () => {
    h = await createHarness('baseline', { diff: { ...DEFAULT_DIFF_SETTINGS, notifyExisting: true } });
    const live = oldAccount(h);
    for (const kind of KINDS) expect((await h.cycle(h.watch(kind))).result).toBe('committed');
    for (const kind of KINDS) {
      expect(await h.cycle(h.watch(kind)), kind).toMatchObject({ result: 'committed', events: 0 });
    }
    const events = await h.jobEvents();
    expect(events.every((e) => e.type === 'created')).toBe(true);
    expect(new Set(events.map((e) => e.job.id))).toEqual(live);
    expect(events.length).toBe(live.size);
  });
});

describe('the checkpoint watch builds on the fine-tune watch', () => {
  test('it waits for the fine-tunes’ baseline, so existing checkpoints are not announced later', async () => {
    h = await createHarness('cp-order');
    const sim = h.sim.sim;
    const [voice] = sim.createJobs({ kind: 'fine_tune', status: 'RUNNING', model: 'cosyvoice-v3-flash' });
    sim.addCheckpoints(voice?.id ?? '', { count: 2, status: 'SUCCEEDED' });
    const checkpoints = h.watch('checkpoint');
    const fineTunes = h.watch('fine_tune');
    // The checkpoint watch happens to run first: it must not take an empty baseline.
    expect((await h.cycle(checkpoints)).result).toBe('deferred');
    expect((await h.snapshot(checkpoints)).version).toBe(0);
    expect((await h.cycle(fineTunes)).result).toBe('committed');
    expect((await h.cycle(checkpoints)).result).toBe('committed');
    expect((await h.snapshot(checkpoints)).entries.size).toBe(2);
    await h.cycle(fineTunes);
    await h.cycle(checkpoints);
    expect(await h.notified()).toEqual([]);
  });
});
