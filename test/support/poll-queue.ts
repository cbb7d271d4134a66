import type { Queue } from 'bullmq';
import { expect } from 'vitest';
import { schedulerId } from '../../src/watch/index.js';

/** Exactly one scheduler per watch (and none other), each with exactly one upcoming poll. */
export async function expectOneSchedulerPerWatch(queue: Queue, watches: readonly string[]): Promise<void> {
  const schedulers = await queue.getJobSchedulers(0, -1);
  expect(schedulers.map((s) => s.key).sort()).toEqual(watches.map(schedulerId).sort());
  const upcoming = await queue.getJobs(['delayed', 'wait', 'prioritized'], 0, -1);
  expect(upcoming.map((job) => job.repeatJobKey).sort()).toEqual(watches.map(schedulerId).sort());
}
