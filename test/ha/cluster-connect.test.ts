import { once } from 'node:events';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseRedisUrl } from '../../src/core/redis-target.js';
import { openClient } from '../../src/redis/open-client.js';
import { waitUntil } from '../support/engine-process.js';
import { onNode } from './support/servers.js';
import { type ClusterSet, startCluster } from './support/topology.js';

/**
 * BullMQ recovers a worker's blocking connection by disconnecting it and awaiting `connect()`. An
 * ioredis Cluster whose ready check finds `cluster_state:fail` (as every node reports during a
 * failover) reconnects on its own and never settles that first `connect()`: the worker then waits
 * forever and polling stops. Our cluster connections must settle `connect()` while the cluster is down.
 */
let cluster: ClusterSet | undefined;
beforeAll(async () => {
  cluster = await startCluster(0);
});
afterAll(async () => {
  await cluster?.stop();
});

test('a cluster connection reconnects (connect() settles) while the cluster reports cluster_state:fail', async () => {
  if (cluster === undefined) throw new Error('the cluster did not start');
  const target = parseRedisUrl(cluster.url);
  if (typeof target === 'string') throw new Error(target);
  const client = openClient(target) as Cluster;
  client.on('error', () => {});
  try {
    await client.ping();
    const { port } = await cluster.killMasterOf(0, false);
    const survivors =
      target.mode === 'cluster' ? target.nodes.map((n) => n.port).filter((p) => p !== port) : [];
    await waitUntil(
      async () =>
        (await onNode(survivors[0] as number, (c) => c.call('CLUSTER', 'INFO') as Promise<string>))?.includes(
          'cluster_state:fail',
        ),
      'the cluster to report the dead master',
      15_000,
    );
    const ended = once(client, 'end');
    client.disconnect();
    await ended;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      client.connect().then(
        () => 'connected',
        () => 'rejected',
      ),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 10_000, 'never settled');
      }),
    ]);
    clearTimeout(timer);
    expect(outcome).toBe('connected');
  } finally {
    client.disconnect();
  }
});
