import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseRedisUrl } from '../../src/core/redis-target.js';
import type { RedisClient } from '../../src/redis/client.js';
import { closeRedis, createRedis } from '../../src/redis/connection.js';
import { ReplicaWait } from '../../src/redis/replica-wait.js';
import { DeliveryStore, RedisThreadStore, SilenceStore, SnapshotStore } from '../../src/store/index.js';
import { bulkEvents } from '../support/notify-fixtures.js';
import { type ClusterSet, startCluster } from './support/topology.js';

/**
 * The stores silences, quiet hours, Slack threads and the status page use, on a Cluster with replicas:
 * a command or a script over keys of several slots is refused there, so each must stay in one slot
 * (or be sent one command at a time), and the marks that end a delivery must wait for a replica.
 */
const PREFIX = 'ha-stores';
let cluster: ClusterSet | undefined;
let client: RedisClient | undefined;

beforeAll(async () => {
  cluster = await startCluster(1);
  const target = parseRedisUrl(cluster.url);
  if (typeof target === 'string') throw new Error(target);
  client = createRedis(target, 'ha-stores');
});
afterAll(async () => {
  if (client) await closeRedis(client);
  await cluster?.stop();
});

test('silences, quiet-hours holds, threads and status-page reads work across the slots of a cluster', async () => {
  if (client === undefined) throw new Error('the cluster did not start');
  const silences = new SilenceStore(client, PREFIX);
  const silence = await silences.add({ matchers: { account: 'prod' }, forMs: 60_000 });
  expect((await silences.active()).map((s) => s.id)).toEqual([silence.id]);
  expect(await silences.expire(silence.id)).toBe(true);

  const replicaWait = new ReplicaWait(client, { timeoutMs: 1000 });
  const delivery = new DeliveryStore(client, PREFIX, replicaWait);
  const events = bulkEvents(3);
  expect(await delivery.hold('ops', events)).toBe(3);
  expect(await delivery.held('ops', [events[0]?.id ?? '', 'other'])).toEqual(new Set([events[0]?.id]));
  expect((await delivery.claimHeld('ops', 'release-1')).map((e) => e.id).sort()).toEqual(
    events.map((e) => e.id).sort(),
  );
  const waitedBefore = replicaWait.counts.waited;
  await delivery.finishHeld('ops', 'release-1');
  expect(replicaWait.counts.waited).toBe(waitedBefore + 1);
  expect(replicaWait.counts.unacknowledged).toBe(0);
  expect(await delivery.claimHeld('ops', 'release-2')).toEqual([]);

  const threads = new RedisThreadStore(client, PREFIX);
  const root = { ts: '1.000001', channelId: 'C0OPS' };
  await threads.posted('ops', 'prod.fine_tune.ft-1', 'ev-1', root);
  expect(await threads.get('ops', 'prod.fine_tune.ft-1', 'ev-1')).toEqual({ root, posted: true });

  // Watch ids chosen to land on different slots (and so, with 3 masters, on different nodes).
  const store = new SnapshotStore(client, PREFIX);
  const ids = ['prod.fine_tune', 'staging.batch', 'dev.model_import', 'qa.fine_tune'];
  // The fixtures' events are old: record them as of just after, or the day's window drops them.
  await store.changes.record(events, Date.parse('2024-10-29T11:00:00.000Z'));
  const stamps = await store.stamps(ids);
  expect([...stamps.watches.keys()]).toEqual(ids);
  expect(stamps.changes).toMatch(/^3,/);
  expect((await store.healthOf(ids)).size).toBe(ids.length);
  expect((await store.changes.since(0)).map((c) => c.id).sort()).toEqual(events.map((e) => e.id).sort());
});
