import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { waitUntil } from '../support/engine-process.js';
import { type OwnRedis, startOwnRedis } from '../support/redis-server.js';
import { logsOf, mentions, postTexts, type Rig, startRig } from './support/rig.js';

// Fault 1: Redis loses its data (FLUSHALL, or a restart without persistence). Polling must resume
// without a restart within max(2 × interval, 30 s); jobs that finished in the gap are reported once;
// the loss itself is announced once.
const INTERVAL_MS = 2000;
const RESUME_WITHIN_MS = Math.max(2 * INTERVAL_MS, 30_000);
const JOBS = 30;

let redis: OwnRedis;
let rig: Rig;

beforeAll(async () => {
  // No persistence at all: a restart comes back empty, like a cache node replaced.
  redis = await startOwnRedis({ args: ['--appendonly', 'no'], label: 'the Redis-state-lost fault test' });
});
afterAll(() => redis.stop());
beforeEach(async () => {
  rig = await startRig();
  await redis.admin.flushall();
});
afterEach(() => rig.close());

for (const loss of ['FLUSHALL', 'restart without persistence'] as const) {
  it(`after ${loss}: polling resumes by itself, the gap's SUCCEEDED jobs are reported once, one store_reset`, async () => {
    const ids = rig.sim.sim
      .createJobs({ kind: 'fine_tune', status: 'RUNNING', count: JOBS, spacingMs: 1000 })
      .map((job) => job.id);
    const daemon = rig.start(rig.write(rig.config(redis.url, 'faults')));
    await rig.ready(daemon);
    expect(rig.slack.received).toEqual([]);

    const lostAt = Date.now();
    if (loss === 'FLUSHALL') await redis.admin.flushall();
    else await redis.restart();
    // All thirty finish while dashwatch's state is gone.
    for (const id of ids) rig.sim.sim.setStatus(id, 'SUCCEEDED');

    const resumed = await waitUntil(
      () =>
        logsOf(daemon).find(
          (line) =>
            line.msg === 'poll cycle' &&
            line.result === 'committed' &&
            line.time - (line.durationMs ?? 0) > lostAt,
        ),
      'a poll cycle begun after the loss',
      RESUME_WITHIN_MS,
    );
    const resumeMs = resumed.time - (resumed.durationMs ?? 0) - lostAt;
    await waitUntil(
      () => [...mentions(postTexts(rig.slack), ids).values()].every((count) => count > 0),
      'every SUCCEEDED job on Slack',
      20_000,
    );
    const reset = await waitUntil(
      () => postTexts(rig.slack).filter((text) => text.includes('REDIS STATE LOST')),
      'the store_reset notice',
      20_000,
    );
    // Several more cycles: nothing repeats.
    const cycles = logsOf(daemon).filter((line) => line.msg === 'poll cycle').length;
    await waitUntil(
      () => logsOf(daemon).filter((line) => line.msg === 'poll cycle').length >= cycles + 3,
      'three more cycles',
      20_000,
    );
    const counts = mentions(postTexts(rig.slack), ids);
    expect([...counts.entries()].filter(([, count]) => count !== 1)).toEqual([]);
    expect(reset).toHaveLength(1);
    expect(postTexts(rig.slack).filter((text) => text.includes('REDIS STATE LOST'))).toHaveLength(1);
    expect(logsOf(daemon).filter((line) => line.msg === 'redis lost its state')).toHaveLength(1);
    process.stdout.write(`redis state lost (${loss}): polling resumed ${resumeMs} ms after the loss\n`);
  });
}
