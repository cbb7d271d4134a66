import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import calculateSlot from 'cluster-key-slot';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { watchKeys } from '../../src/store/keys.js';
import { INTERVAL_MS, LONG, runScenario, summary } from './support/scenario.js';
import { type ClusterSet, startCluster } from './support/topology.js';

const PLAN = {
  lanes: LONG ? 6 : 3,
  driveMs: LONG ? 120_000 : 10_000,
  failovers: LONG ? 2 : 1,
};

let cluster: ClusterSet | undefined;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashwatch-ha-cluster-'));
  cluster = await startCluster(1);
});
afterAll(async () => {
  await cluster?.stop();
  await rm(dir, { recursive: true, force: true });
});

test(`Cluster of 3 masters: two daemons, every change delivered once, the master of a watch's slot SIGKILLed ${PLAN.failovers}×`, async () => {
  if (cluster === undefined) throw new Error('the cluster did not start');
  const nodes = cluster;
  let failovers = 0;
  const result = await runScenario(dir, nodes.url, PLAN, async (_store, watches) => {
    // A different watch's master each time: the keys that move are ones a cycle is writing.
    const watch = watches[failovers % watches.length] as string;
    failovers += 1;
    return nodes.killMasterOf(calculateSlot(watchKeys('ha', watch).meta));
  });
  console.info(summary('cluster', result));
  for (const t of [result.slack, result.email]) {
    // Duplicates are counted (the summary) and allowed: a promoted replica may lack a delivery mark.
    expect({ lost: t.lost, unexpected: t.unexpected }).toEqual({ lost: [], unexpected: [] });
  }
  expect(result.settled).toBe(true);
  for (const { polls } of result.pollsPerWatch) {
    expect(polls).toBeGreaterThanOrEqual(result.countedIntervals - 1);
    expect(polls).toBeLessThanOrEqual(result.countedIntervals + 1);
  }
  for (const f of result.failovers) expect(f.resumeMs).toBeLessThanOrEqual(f.failoverMs + INTERVAL_MS + 2000);
});
