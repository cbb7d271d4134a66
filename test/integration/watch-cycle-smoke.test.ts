import { afterEach, beforeEach, expect, test } from 'vitest';
import { createHarness, type Harness } from '../support/watch-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness('smoke');
});
afterEach(async () => {
  await h.close();
});

test('baseline is silent, then a transition is one event', async () => {
  const [job] = h.sim.sim.createJobs({ kind: 'fine_tune', count: 3, status: 'RUNNING' });
  const watch = h.watch('fine_tune');
  expect((await h.cycle(watch)).events).toBe(0);
  h.sim.sim.setStatus(job?.id ?? '', 'SUCCEEDED');
  const second = await h.cycle(watch);
  expect(second.result).toBe('committed');
  const events = await h.notified();
  expect(events.map((e) => e.type)).toEqual(['transition']);
});
