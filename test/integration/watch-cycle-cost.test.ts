import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { SimJobKind } from '../../src/dev/simulator/index.js';
import { createHarness, type Harness, trailByJob } from '../support/watch-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness('cost');
});
afterEach(async () => {
  await h.close();
});

const FINISHED = 10_000;
const LIVE = 5;
const DONE: Record<SimJobKind, string> = {
  fine_tune: 'SUCCEEDED',
  model_import: 'SUCCESSED',
  compression: 'SUCCEEDED',
};

/**
 * 10,000 finished jobs and 5 live ones, the live ones newest; returns the requests of the baseline,
 * of a steady cycle and of a cycle that finds one new job (counted by the simulator and the cycle).
 */
async function costs(kind: SimJobKind) {
  const sim = h.sim.sim;
  const createdAt = new Date(Date.now() - 60 * 86_400_000).toISOString();
  sim.createJobs({ kind, count: FINISHED, status: DONE[kind], createdAt, spacingMs: 1000 });
  sim.createJobs({ kind, count: LIVE, status: 'RUNNING' });
  const watch = h.watch(kind);
  const measure = async () => {
    sim.resetStats();
    const outcome = await h.cycle(watch);
    expect(outcome.result).toBe('committed');
    expect(sim.stats().requests).toBe(outcome.requests);
    return outcome;
  };
  const baseline = await measure();
  expect(baseline.events).toBe(0);
  const steady = await measure();
  expect(steady.events).toBe(0);
  const fresh = sim.createJobs({ kind })[0]?.id ?? '';
  const added = await measure();
  expect(added.events).toBe(1);
  expect(trailByJob(await h.jobEvents()).get(fresh)).toEqual(['created:PENDING']);
  const figures = { baseline: baseline.requests, steady: steady.requests, newJob: added.requests };
  console.log(`polling cost, ${kind}, ${FINISHED} finished + ${LIVE} live jobs:`, JSON.stringify(figures));
  return figures;
}

describe('polling cost on an account of 10,000 finished jobs and 5 live ones', () => {
  test('fine-tunes: the baseline reads every page, a steady cycle almost nothing', async () => {
    const { baseline, steady, newJob } = await costs('fine_tune');
    expect(baseline).toBe(101);
    expect(steady).toBeLessThanOrEqual(3);
    expect(newJob - steady).toBeLessThanOrEqual(2);
  });

  test('model imports', async () => {
    const { baseline, steady, newJob } = await costs('model_import');
    expect(baseline).toBe(101);
    expect(steady).toBeLessThanOrEqual(3);
    expect(newJob - steady).toBeLessThanOrEqual(2);
  });

  test('compression jobs', async () => {
    const { baseline, steady, newJob } = await costs('compression');
    expect(baseline).toBe(101);
    expect(steady).toBeLessThanOrEqual(3);
    expect(newJob - steady).toBeLessThanOrEqual(2);
  });
});

describe('live jobs scattered through history', () => {
  test('compression finds them through its status filter, not by paging through history', async () => {
    const sim = h.sim.sim;
    const createdAt = new Date(Date.now() - 60 * 86_400_000).toISOString();
    const scattered: string[] = [];
    // 30 live jobs, one every 100 finished ones: paging would read every page to see them all.
    for (let block = 0; block < 30; block++) {
      sim.createJobs({ kind: 'compression', count: 99, status: 'SUCCEEDED', createdAt, spacingMs: 1000 });
      scattered.push(sim.createJobs({ kind: 'compression', status: 'RUNNING', createdAt })[0]?.id ?? '');
    }
    const watch = h.watch('compression');
    expect((await h.cycle(watch)).requests).toBe(30);
    sim.resetStats();
    const steady = await h.cycle(watch);
    // Page 1, then one page per live status.
    expect(steady.requests).toBe(5);
    sim.setStatus(scattered[3] ?? '', 'SUCCEEDED');
    const changed = await h.cycle(watch);
    expect(changed.events).toBe(1);
    expect(changed.requests).toBeLessThanOrEqual(6);
    console.log(
      'scattered compression:',
      JSON.stringify({ steady: steady.requests, changed: changed.requests }),
    );
  });
});
