import { afterEach, describe, expect, test } from 'vitest';
import type { Watch } from '../../src/core/watch.js';
import type { FaultSpec } from '../../src/dev/simulator/index.js';
import {
  at,
  createHarness,
  type Harness,
  type HarnessOptions,
  trailByJob,
  type WatchSnapshot,
} from '../support/watch-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(options: HarnessOptions = {}): Promise<Harness> {
  h = await createHarness('faults', {}, options);
  return h;
}

/** The store's failure bookkeeping changes on a failed cycle; the snapshot and the poller's notes must not. */
function pollerState(snapshot: WatchSnapshot) {
  return {
    version: snapshot.version,
    notes: snapshot.notes,
    entries: snapshot.entries,
    outbox: snapshot.outbox,
  };
}

/** Runs a cycle under `fault` and proves it failed without a trace: no event, no snapshot change. */
async function failsCleanly(h: Harness, watch: Watch, fault: FaultSpec, now?: Date): Promise<void> {
  const before = await h.snapshot(watch);
  const queued = (await h.notified()).length;
  h.sim.sim.injectFault(fault);
  const outcome = await h.cycle(watch, now === undefined ? {} : { now: () => now });
  h.sim.sim.clearFaults();
  expect(outcome).toMatchObject({ result: 'failed', events: 0 });
  expect(pollerState(await h.snapshot(watch))).toEqual(pollerState(before));
  expect((await h.notified()).length).toBe(queued);
}

/** A watch over `count` old finished jobs plus one running, baselined. */
async function baselined(h: Harness, kind: 'fine_tune' | 'model_import', count: number) {
  const sim = h.sim.sim;
  const createdAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
  const done = kind === 'model_import' ? 'SUCCESSED' : 'SUCCEEDED';
  sim.createJobs({ kind, count, status: done, createdAt, spacingMs: 60_000 });
  const running = at(sim.createJobs({ kind, status: 'RUNNING' }), 0).id;
  const watch = h.watch(kind);
  expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 0 });
  return { watch, running };
}

const FINE_TUNES = '/api/v1/fine-tunes';

describe('a failed or partial fetch is never a change', () => {
  test('a 500 that outlasts the retries, then the next good cycle', async () => {
    const h = await harness();
    const { watch, running } = await baselined(h, 'fine_tune', 3);
    h.sim.sim.setStatus(running, 'SUCCEEDED');
    const fresh = at(h.sim.sim.createJobs({ kind: 'fine_tune' }), 0).id;
    await failsCleanly(h, watch, { type: 'status', httpStatus: 500, count: 5 });
    expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 2 });
    expect(Object.fromEntries(trailByJob(await h.jobEvents()))).toEqual({
      [running]: ['transition:RUNNING>SUCCEEDED'],
      [fresh]: ['created:PENDING'],
    });
  });

  test('a hang past the timeout', async () => {
    const h = await harness({ timeoutMs: 150 });
    const { watch, running } = await baselined(h, 'fine_tune', 3);
    h.sim.sim.setStatus(running, 'FAILED');
    await failsCleanly(h, watch, { type: 'hang', count: 5 });
    expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 1 });
    expect(Object.fromEntries(trailByJob(await h.jobEvents()))).toEqual({
      [running]: ['transition:RUNNING>FAILED'],
    });
  });

  test('truncated JSON on page 2 of the baseline scan leaves no baseline', async () => {
    const h = await harness();
    h.sim.sim.createJobs({ kind: 'fine_tune', count: 250, status: 'SUCCEEDED' });
    const watch = h.watch('fine_tune');
    await failsCleanly(h, watch, { type: 'truncated', match: { path: FINE_TUNES, query: { page_no: '2' } } });
    expect((await h.snapshot(watch)).entries.size).toBe(0);
    expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 0 });
    expect((await h.snapshot(watch)).entries.size).toBe(250);
  });

  test('truncated JSON on page 2 of a periodic full scan', async () => {
    const h = await harness();
    const { watch, running } = await baselined(h, 'fine_tune', 250);
    const sim = h.sim.sim;
    sim.setStatus(running, 'SUCCEEDED');
    // An old job gone: only a complete listing could call it removed, and a broken one must not.
    const oldest = at(sim.jobs('fine_tune'), 0).job_id;
    sim.deleteJob(oldest);
    const fresh = at(sim.createJobs({ kind: 'fine_tune' }), 0).id;
    // Just past the hourly full scan, well short of any stuck threshold.
    const later = new Date(Date.now() + 61 * 60_000);
    const fault: FaultSpec = { type: 'truncated', match: { path: FINE_TUNES, query: { page_no: '2' } } };
    await failsCleanly(h, watch, fault, later);
    const good = await h.cycle(watch, { now: () => later });
    expect(good).toMatchObject({ result: 'committed', events: 2 });
    expect(good.requests).toBe(3);
    expect(Object.fromEntries(trailByJob(await h.jobEvents()))).toEqual({
      [running]: ['transition:RUNNING>SUCCEEDED'],
      [fresh]: ['created:PENDING'],
    });
  });

  test('truncated JSON on page 2 of an incremental cycle reading 150 new jobs', async () => {
    const h = await harness();
    const { watch, running } = await baselined(h, 'fine_tune', 20);
    const sim = h.sim.sim;
    const fresh = sim.createJobs({ kind: 'fine_tune', count: 150, status: 'SUCCEEDED' }).map((r) => r.id);
    sim.setStatus(running, 'CANCELED');
    await failsCleanly(h, watch, { type: 'truncated', match: { path: FINE_TUNES, query: { page_no: '2' } } });
    const good = await h.cycle(watch);
    expect(good).toMatchObject({ result: 'committed', events: 151 });
    const trails = trailByJob(await h.jobEvents());
    expect(trails.get(running)).toEqual(['transition:RUNNING>CANCELED']);
    expect(trails.size).toBe(151);
    for (const id of fresh) expect(trails.get(id)).toEqual(['created:SUCCEEDED']);
  });

  test('truncated JSON on the live-status list of an incremental import cycle', async () => {
    const h = await harness();
    const { watch, running } = await baselined(h, 'model_import', 120);
    h.sim.sim.setStatus(running, 'SUCCESSED');
    const fault: FaultSpec = {
      type: 'truncated',
      match: { path: '/api/v1/custom_models/import', query: { status: 'RUNNING' } },
    };
    await failsCleanly(h, watch, fault);
    expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 1 });
    expect(Object.fromEntries(trailByJob(await h.jobEvents()))).toEqual({
      [running]: ['transition:RUNNING>SUCCEEDED'],
    });
  });

  test('an HTML error page answered with 200 on a detail call', async () => {
    const h = await harness();
    const { watch, running } = await baselined(h, 'fine_tune', 150);
    const sim = h.sim.sim;
    // Push the running job off page 1 (which alone an incremental cycle reads), so its detail is asked for.
    sim.createJobs({ kind: 'fine_tune', count: 100, status: 'SUCCEEDED' });
    expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 100 });
    sim.setStatus(running, 'SUCCEEDED');
    await failsCleanly(h, watch, { type: 'garbage', count: 5, match: { path: `${FINE_TUNES}/${running}` } });
    expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 1 });
    expect(trailByJob(await h.jobEvents()).get(running)).toEqual(['transition:RUNNING>SUCCEEDED']);
  });
});
