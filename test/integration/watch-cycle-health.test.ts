import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { isWatchEvent, type WatchEvent } from '../../src/core/types.js';
import { createHarness, type Harness, SIM_KEY } from '../support/watch-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness('health');
});
afterEach(async () => {
  await h.close();
});

async function watchEvents(): Promise<WatchEvent[]> {
  return (await h.notified()).filter(isWatchEvent);
}

describe('a failing watch is announced once per episode', () => {
  test('a revoked key: watch_failing at the first failure, once over 5 cycles; one watch_recovered', async () => {
    const sim = h.sim.sim;
    sim.createJobs({ kind: 'fine_tune', count: 3, status: 'RUNNING' });
    const watch = h.watch('fine_tune');
    expect((await h.cycle(watch)).result).toBe('committed');
    sim.setApiKeys(['sk-some-other-key-0000']);
    for (let cycle = 1; cycle <= 5; cycle++) {
      expect((await h.cycle(watch)).result).toBe('failed');
      const events = await watchEvents();
      expect(events.map((e) => e.type)).toEqual(['watch_failing']);
    }
    const [failing] = await watchEvents();
    expect(failing).toMatchObject({
      watch: { id: watch.id, account: 'acct', kind: 'fine_tune' },
      failures: 1,
      error: { httpStatus: 401, code: 'InvalidApiKey' },
    });
    expect(JSON.stringify(failing)).not.toContain(SIM_KEY);

    sim.setApiKeys([SIM_KEY]);
    expect((await h.cycle(watch)).result).toBe('committed');
    expect((await h.cycle(watch)).result).toBe('committed');
    const events = await watchEvents();
    expect(events.map((e) => e.type)).toEqual(['watch_failing', 'watch_recovered']);
    expect(events[1]).toMatchObject({ watch: { id: watch.id }, failures: 5 });
    expect(await h.jobEvents()).toEqual([]);
  });

  test('a revoked key on the very first poll is raised too', async () => {
    h.sim.sim.setApiKeys([]);
    const watch = h.watch('compression');
    expect((await h.cycle(watch)).result).toBe('failed');
    expect((await h.cycle(watch)).result).toBe('failed');
    expect((await watchEvents()).map((e) => e.type)).toEqual(['watch_failing']);
  });

  test('500s raise watch_failing once, at the third failure in a row', async () => {
    const sim = h.sim.sim;
    const watch = h.watch('model_import');
    expect((await h.cycle(watch)).result).toBe('committed');
    // Two failures, then a good cycle: the count starts again.
    sim.injectFault({ type: 'status', httpStatus: 500, count: 4 });
    for (let i = 0; i < 2; i++) expect((await h.cycle(watch)).result).toBe('failed');
    expect((await h.cycle(watch)).result).toBe('committed');
    expect(await watchEvents()).toEqual([]);

    sim.injectFault({ type: 'status', httpStatus: 500, count: 10 });
    for (let failures = 1; failures <= 5; failures++) {
      expect((await h.cycle(watch)).result).toBe('failed');
      expect((await watchEvents()).length).toBe(failures >= 3 ? 1 : 0);
    }
    expect((await watchEvents())[0]).toMatchObject({
      type: 'watch_failing',
      failures: 3,
      error: { httpStatus: 500, code: 'InternalError' },
    });
    sim.clearFaults();
    expect((await h.cycle(watch)).result).toBe('committed');
    expect((await watchEvents()).map((e) => e.type)).toEqual(['watch_failing', 'watch_recovered']);
  });
});
