import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Watch } from '../../src/core/watch.js';
import { createHarness, type Harness, onlyEvent, trailByJob } from '../support/watch-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness('clock');
});
afterEach(async () => {
  await h.close();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Runs a committed cycle of each watch in turn with the clock at `t0 + offsetMs`; returns the events. */
async function roundAt(t0: number, offsetMs: number, ...watches: Watch[]): Promise<number> {
  let events = 0;
  for (const watch of watches) {
    const outcome = await h.cycle(watch, { now: () => new Date(t0 + offsetMs) });
    expect(outcome.result).toBe('committed');
    events += outcome.events;
  }
  return events;
}

describe('time-based events, with the clock driven', () => {
  test('a fine-tune QUEUING past 2 h is announced stuck once', async () => {
    const sim = h.sim.sim;
    const watch = h.watch('fine_tune');
    const t0 = Date.now();
    expect(await roundAt(t0, 0, watch)).toBe(0);
    const job = sim.createJobs({ kind: 'fine_tune' })[0]?.id ?? '';
    expect(await roundAt(t0, MINUTE, watch)).toBe(1);
    sim.setStatus(job, 'QUEUING');
    expect(await roundAt(t0, 2 * MINUTE, watch)).toBe(1);
    expect(await roundAt(t0, HOUR, watch)).toBe(0);
    expect(await roundAt(t0, 2 * HOUR + MINUTE, watch)).toBe(0);
    expect(await roundAt(t0, 2 * HOUR + 3 * MINUTE, watch)).toBe(1);
    const stuck = onlyEvent(await h.jobEvents(), job, 'stuck');
    expect(stuck.job.status).toBe('QUEUING');
    expect(stuck.detectedAt).toBe(new Date(t0 + 2 * HOUR + 3 * MINUTE).toISOString());
    // Not again while it stays queued, whatever the scan.
    for (const offset of [2 * HOUR + 4 * MINUTE, 3 * HOUR, 5 * HOUR])
      expect(await roundAt(t0, offset, watch)).toBe(0);
    sim.setStatus(job, 'RUNNING');
    expect(await roundAt(t0, 5 * HOUR + MINUTE, watch)).toBe(1);
    expect(trailByJob(await h.jobEvents()).get(job)).toEqual([
      'created:PENDING',
      'transition:PENDING>QUEUING',
      'stuck',
      'transition:QUEUING>RUNNING',
    ]);
  });

  test('a succeeded checkpoint within 48 h of its expire_time is announced expiring once', async () => {
    const sim = h.sim.sim;
    const fineTunes = h.watch('fine_tune');
    const checkpoints = h.watch('checkpoint');
    const t0 = Date.now();
    const parent =
      sim.createJobs({ kind: 'fine_tune', model: 'cosyvoice-v3-flash', status: 'RUNNING' })[0]?.id ?? '';
    expect(await roundAt(t0, 0, fineTunes, checkpoints)).toBe(0);
    const expireAt = t0 + 5 * DAY;
    const checkpoint =
      sim.addCheckpoints(parent, { status: 'SUCCEEDED', expireAt: new Date(expireAt).toISOString() })[0]
        ?.id ?? '';
    expect(await roundAt(t0, MINUTE, fineTunes, checkpoints)).toBe(1);
    sim.setStatus(parent, 'SUCCEEDED');
    expect(await roundAt(t0, 2 * MINUTE, fineTunes, checkpoints)).toBe(1);
    expect(await roundAt(t0, 2 * DAY, fineTunes, checkpoints)).toBe(0);
    expect(await roundAt(t0, 5 * DAY - 49 * HOUR, fineTunes, checkpoints)).toBe(0);
    expect(await roundAt(t0, 5 * DAY - 47 * HOUR, fineTunes, checkpoints)).toBe(1);
    for (const before of [46 * HOUR, HOUR, -DAY]) {
      expect(await roundAt(t0, 5 * DAY - before, fineTunes, checkpoints)).toBe(0);
    }
    const events = await h.jobEvents();
    expect(trailByJob(events).get(checkpoint)).toEqual(['created:SUCCEEDED', 'expiring']);
    const expiring = onlyEvent(events, checkpoint, 'expiring');
    // The API shows expire_time to the second.
    const expiresAt = new Date(Math.floor(expireAt / 1000) * 1000).toISOString();
    expect(expiring.job).toMatchObject({ parentId: parent, expiresAt });
    expect(expiring.job.output).toMatch(/^cosyvoice-v3-flash-/);
  });

  test('a checkpoint PENDING for two days behind its fine-tune is never announced stuck', async () => {
    const sim = h.sim.sim;
    const fineTunes = h.watch('fine_tune');
    const checkpoints = h.watch('checkpoint');
    const t0 = Date.now();
    const parent =
      sim.createJobs({ kind: 'fine_tune', model: 'cosyvoice-v3-flash', status: 'RUNNING' })[0]?.id ?? '';
    expect(await roundAt(t0, 0, fineTunes, checkpoints)).toBe(0);
    const checkpoint = sim.addCheckpoints(parent, { status: 'PENDING' })[0]?.id ?? '';
    expect(await roundAt(t0, MINUTE, fineTunes, checkpoints)).toBe(1);
    for (const offset of [3 * HOUR, DAY, 2 * DAY]) {
      // The fine-tune itself is stuck RUNNING after a day; its checkpoint waiting on it is not.
      await roundAt(t0, offset, fineTunes, checkpoints);
    }
    expect(trailByJob(await h.jobEvents()).get(checkpoint)).toEqual(['created:PENDING']);
  });
});
