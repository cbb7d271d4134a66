/**
 * What waiting for a replica (`redis.replicaWait`) costs a steady cycle: a master with one replica of
 * this run's own on loopback, N steady commits of one watch (nothing changed, as in a quiet interval)
 * with WAIT and without, one at a time. Prints ms per commit, the WAIT commands sent and the round
 * trips (the commit and its WAIT go in one pipeline). Asserts nothing.
 *
 *   node --import tsx bench/replica-wait.ts [--commits N]
 */
import { Redis } from 'ioredis';
import { ReplicaWait } from '../src/redis/replica-wait.js';
import { SnapshotStore } from '../src/store/index.js';
import { freePortPair, info, Servers } from '../test/ha/support/servers.js';

const commits = Number(process.argv[process.argv.indexOf('--commits') + 1]) || 2000;
const servers = new Servers();
const [masterPort, replicaPort] = [await freePortPair(), await freePortPair()];
const base = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', servers.dir];
await servers.start(masterPort, ['--port', String(masterPort), ...base]);
await servers.start(replicaPort, [
  '--port',
  String(replicaPort),
  ...base,
  '--replicaof',
  '127.0.0.1',
  String(masterPort),
]);
const client = new Redis(masterPort, '127.0.0.1', { maxRetriesPerRequest: null });
try {
  const replica = new Redis(replicaPort, '127.0.0.1');
  for (;;) {
    if ((await info(replica, 'replication')).get('master_link_status') === 'up') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  replica.disconnect();
  const watch = { id: 'bench.fine_tune', account: 'bench', kind: 'fine_tune' as const };
  const rows: string[] = [];
  for (const waitMs of [0, 250]) {
    const replicaWait = new ReplicaWait(client, { timeoutMs: waitMs });
    const store = new SnapshotStore(client, `dwbench:wait${waitMs}`, replicaWait);
    const id = 'bench.fine_tune';
    const cycle = async () => {
      const { token, view } = await store.beginCycle(id);
      const started = performance.now();
      await store.commit(id, {
        watch,
        baseVersion: view.version,
        token,
        upserts: new Map(),
        deletes: [],
        events: [],
      });
      return performance.now() - started;
    };
    // Warmed up first: the first mode measured would otherwise carry the JIT's start.
    for (let i = 0; i < 500; i += 1) await cycle();
    const before = await commandCalls(client);
    const times: number[] = [];
    for (let i = 0; i < commits; i += 1) {
      const { token, view } = await store.beginCycle(id);
      const started = performance.now();
      await store.commit(id, {
        watch,
        baseVersion: view.version,
        token,
        upserts: new Map(),
        deletes: [],
        events: [],
      });
      times.push(performance.now() - started);
    }
    const after = await commandCalls(client);
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]?.toFixed(3);
    rows.push(
      `| ${waitMs === 0 ? 'off' : `${waitMs} ms`} | ${mean.toFixed(3)} | ${at(0.5)} | ${at(0.99)} | ${(replicaWait.counts.waited / (commits + 500)).toFixed(2)} (Redis counted ${(after.wait ?? 0) - (before.wait ?? 0)}) | ${replicaWait.counts.unacknowledged} | 1 |`,
    );
  }
  const version = (await info(client, 'server')).get('redis_version');
  console.log(
    `replica wait: ${commits} steady commits, Redis ${version}, master + 1 replica on loopback, Node ${process.version}`,
  );
  console.log(
    '| replicaWait | commit ms (mean) | p50 | p99 | WAIT per commit | unacknowledged | round trips per commit |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
} finally {
  client.disconnect();
  await servers.stop();
}

async function commandCalls(redis: Redis): Promise<Record<string, number>> {
  const stats = await info(redis, 'commandstats');
  const calls = (name: string) => Number(/calls=(\d+)/.exec(stats.get(`cmdstat_${name}`) ?? '')?.[1] ?? 0);
  return { wait: calls('wait') };
}
