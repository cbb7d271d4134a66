import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { INTERVAL_MS, LONG, runScenario, summary } from './support/scenario.js';
import { info, onNode } from './support/servers.js';
import { type SentinelSet, startSentinelSet } from './support/topology.js';

const PLAN = LONG
  ? { lanes: 6, driveMs: 120_000, failovers: 3 }
  : { lanes: 3, driveMs: 10_000, failovers: 1 };

let set: SentinelSet | undefined;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashwatch-ha-sentinel-'));
  set = await startSentinelSet();
});
afterAll(async () => {
  await set?.stop();
  await rm(dir, { recursive: true, force: true });
});

test(`Sentinel: the master SIGKILLed mid-lifecycle ${PLAN.failovers}×, two daemons carry on, nothing lost`, async () => {
  if (set === undefined) throw new Error('the sentinel set did not start');
  const sentinels = set;
  const result = await runScenario(dir, sentinels.url, PLAN, async () => {
    const { failoverMs, oldPort } = await sentinels.killMaster();
    // The dead master comes back empty and is made a replica of the new one, as after a reboot.
    await sentinels.reviveOld(oldPort);
    return { failoverMs };
  });
  // Commits and delivery marks waited for the revived replica (WAIT is per master, counted by it).
  const master = await sentinels.masterPort();
  const waits = await onNode(master ?? 0, async (c) => (await info(c, 'commandstats')).get('cmdstat_wait'));
  console.info(`${summary('sentinel', result)}\n  WAIT on the new master: ${waits ?? 'none'}`);
  expect(waits).toMatch(/^calls=[1-9]/);
  for (const t of [result.slack, result.email]) {
    expect({ lost: t.lost, unexpected: t.unexpected }).toEqual({ lost: [], unexpected: [] });
  }
  expect(result.settled).toBe(true);
  for (const { polls } of result.pollsPerWatch) {
    expect(polls).toBeGreaterThanOrEqual(result.countedIntervals - 1);
    expect(polls).toBeLessThanOrEqual(result.countedIntervals + 1);
  }
  // Polling resumes within the failover and one interval (plus a cycle's own time).
  for (const f of result.failovers) expect(f.resumeMs).toBeLessThanOrEqual(f.failoverMs + INTERVAL_MS + 2000);
});
