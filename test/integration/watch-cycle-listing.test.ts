import { afterEach, describe, expect, test } from 'vitest';
import type { SimJobKind } from '../../src/dev/simulator/index.js';
import { createHarness, type Harness, onlyEvent, trailByJob } from '../support/watch-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MINUTE = 60_000;
const DONE: Record<SimJobKind, string> = {
  fine_tune: 'SUCCEEDED',
  model_import: 'SUCCESSED',
  compression: 'SUCCEEDED',
};

describe('the periodic full scan catches a delete and a create in one interval', () => {
  const cases = [
    ['fine_tune', 'asc'],
    ['model_import', 'asc'],
    ['model_import', 'desc'],
    ['compression', 'asc'],
  ] as const;
  // The import order is the simulator's; the other lists have their own.
  for (const [kind, importOrder] of cases) {
    test(`${kind}${kind === 'model_import' ? ` (${importOrder})` : ''}`, async () => {
      h = await createHarness('listing', {}, { importOrder });
      const sim = h.sim.sim;
      const createdAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
      sim.createJobs({ kind, count: 250, status: DONE[kind], createdAt, spacingMs: MINUTE });
      const watch = h.watch(kind);
      const t0 = Date.now();
      const cycleAt = async (minutes: number) => {
        const outcome = await h?.cycle(watch, { now: () => new Date(t0 + minutes * MINUTE) });
        expect(outcome?.result).toBe('committed');
        return outcome?.events;
      };
      expect(await cycleAt(0)).toBe(0);
      // The total holds still: only a full listing can tell the old job is gone.
      const gone = sim.jobs(kind)[120]?.job_id ?? '';
      sim.deleteJob(gone);
      const born = sim.createJobs({ kind, status: DONE[kind] })[0]?.id ?? '';
      expect(await cycleAt(1)).toBe(1);
      expect(onlyEvent(await h.jobEvents(), born, 'created', 'SUCCEEDED')).toBeDefined();
      expect(await cycleAt(2)).toBe(0);
      // First full scan: one complete listing without the job is not yet proof.
      expect(await cycleAt(61)).toBe(0);
      expect(await cycleAt(62)).toBe(0);
      // Second full scan: removed.
      expect(await cycleAt(122)).toBe(1);
      expect(await cycleAt(123)).toBe(0);
      expect(await cycleAt(183)).toBe(0);
      const events = await h.jobEvents();
      expect(Object.fromEntries(trailByJob(events))).toEqual({
        [born]: ['created:SUCCEEDED'],
        [gone]: ['removed'],
      });
      expect(onlyEvent(events, gone, 'removed').job.status).toBe('SUCCEEDED');
      expect((await h.snapshot(watch)).entries.has(gone)).toBe(false);
    });
  }
});

describe('an import born and finished between polls is found whichever way the list runs', () => {
  for (const importOrder of ['asc', 'desc'] as const) {
    test(importOrder, async () => {
      h = await createHarness('listing', {}, { importOrder });
      const sim = h.sim.sim;
      const createdAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
      sim.createJobs({ kind: 'model_import', count: 250, status: 'SUCCESSED', createdAt, spacingMs: MINUTE });
      const running = sim.createJobs({ kind: 'model_import', status: 'RUNNING', createdAt })[0]?.id ?? '';
      const watch = h.watch('model_import');
      expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 0 });
      const born = sim.createJobs({ kind: 'model_import', status: 'SUCCESSED' })[0]?.id ?? '';
      const failed = sim.createJobs({ kind: 'model_import', status: 'FAILED' })[0]?.id ?? '';
      const found = await h.cycle(watch);
      expect(found).toMatchObject({ result: 'committed', events: 2 });
      // Page 1, the page the new jobs sit on when it is not page 1, and the two live-status lists.
      expect(found.requests).toBeLessThanOrEqual(4);
      sim.setStatus(running, 'SUCCESSED');
      expect(await h.cycle(watch)).toMatchObject({ result: 'committed', events: 1 });
      const events = await h.jobEvents();
      expect(Object.fromEntries(trailByJob(events))).toEqual({
        [born]: ['created:SUCCEEDED'],
        [failed]: ['created:FAILED'],
        [running]: ['transition:RUNNING>SUCCEEDED'],
      });
      expect(onlyEvent(events, born, 'created').job.output).toBeTruthy();
    });
  }
});

describe('new jobs hidden behind deletions in the same interval', () => {
  for (const kind of ['fine_tune', 'compression'] as const) {
    test(`${kind}: 101 new and 2 deleted are all seen at once`, async () => {
      h = await createHarness('hidden-new');
      const sim = h.sim.sim;
      const createdAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
      sim.createJobs({ kind, count: 300, status: 'SUCCEEDED', createdAt, spacingMs: MINUTE });
      const watch = h.watch(kind);
      expect((await h.cycle(watch)).events).toBe(0);
      for (const job of sim.jobs(kind).slice(10, 12)) sim.deleteJob(job.job_id);
      const born = sim.createJobs({ kind, count: 101, status: 'SUCCEEDED' }).map((job) => job.id);
      // The total grew by 99: the 101st new job sits past the pages that net change covers.
      const outcome = await h.cycle(watch);
      expect(outcome.events).toBe(101);
      const created = new Set((await h.jobEvents()).filter((e) => e.type === 'created').map((e) => e.job.id));
      expect([...created].sort()).toEqual([...born].sort());
    });
  }
});
