import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitUntil } from '../../support/engine-process.js';
import { freePortPair, info, onNode, type ServerProcess, Servers } from './servers.js';

const run = promisify(execFile);
const MASTER = 'dw';
// No disk, and a replica's first sync at once instead of after diskless sync's 5 s wait for company.
const BASE = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--repl-diskless-sync-delay', '0'];

/** A master, a replica and three sentinels on loopback. */
export interface SentinelSet {
  /** `redis+sentinel://…/dw`, as a user writes it. */
  readonly url: string;
  /** The port of the master the sentinels name now. */
  masterPort(): Promise<number | undefined>;
  /** SIGKILLs the master; resolves with the ms until the sentinels named the replica instead. */
  killMaster(): Promise<{ failoverMs: number; oldPort: number; newPort: number }>;
  /** Starts the dead master again (empty): the sentinels make it a replica of the new master. */
  reviveOld(port: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSentinelSet(): Promise<SentinelSet> {
  const servers = new Servers();
  try {
    const [masterPort, replicaPort, ...sentinelPorts] = await Promise.all(
      [0, 1, 2, 3, 4].map(() => freePortPair()),
    );
    const byPort = new Map<number, ServerProcess>();
    const node = async (port: number, extra: readonly string[] = []) => {
      byPort.set(
        port,
        await servers.start(port, ['--port', String(port), ...BASE, '--dir', servers.dir, ...extra]),
      );
    };
    await node(masterPort as number);
    await node(replicaPort as number, ['--replicaof', '127.0.0.1', String(masterPort)]);
    await waitUntil(
      async () =>
        (await onNode(replicaPort as number, (c) => info(c, 'replication')))?.get('master_link_status') ===
        'up',
      'the replica in sync',
      15_000,
    );
    for (const port of sentinelPorts)
      await servers.startSentinel(port, [
        `sentinel monitor ${MASTER} 127.0.0.1 ${masterPort} 2`,
        `sentinel down-after-milliseconds ${MASTER} 1000`,
        `sentinel failover-timeout ${MASTER} 5000`,
      ]);
    // Every sentinel knows the replica and the other two: a failover can be agreed at once.
    await waitUntil(
      async () => {
        const views = await Promise.all(
          sentinelPorts.map((port) =>
            onNode(port, async (c) => {
              const replicas = (await c.call('SENTINEL', 'REPLICAS', MASTER)) as unknown[];
              const peers = (await c.call('SENTINEL', 'SENTINELS', MASTER)) as unknown[];
              return replicas.length === 1 && peers.length === 2;
            }),
          ),
        );
        return views.every(Boolean);
      },
      'the sentinels to know the replica and each other',
      20_000,
    );
    const masterPortNow = async () => {
      for (const port of sentinelPorts) {
        const address = await onNode(
          port,
          (c) => c.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', MASTER) as Promise<[string, string]>,
        );
        if (address) return Number(address[1]);
      }
      return undefined;
    };
    return {
      url: `redis+sentinel://${sentinelPorts.map((port) => `127.0.0.1:${port}`).join(',')}/${MASTER}`,
      masterPort: masterPortNow,
      async killMaster() {
        const oldPort = (await masterPortNow()) as number;
        const killedAt = Date.now();
        await servers.kill(byPort.get(oldPort) as ServerProcess);
        const newPort = await waitUntil(
          async () => {
            const port = await masterPortNow();
            return port !== undefined && port !== oldPort ? port : undefined;
          },
          'the sentinels to promote the replica',
          30_000,
        );
        return { failoverMs: Date.now() - killedAt, oldPort, newPort };
      },
      async reviveOld(port) {
        await servers.restart(byPort.get(port) as ServerProcess);
      },
      stop: () => servers.stop(),
    };
  } catch (error) {
    await servers.stop();
    throw error;
  }
}

/** A Redis Cluster of three masters (each with `replicas` replicas) on loopback. */
export interface ClusterSet {
  /** `redis+cluster://…` naming every master. */
  readonly url: string;
  /**
   * SIGKILLs the master serving `slot`; resolves once the cluster serves every slot again, or at once
   * when `failover` is false (without replicas the cluster then stays down).
   */
  killMasterOf(slot: number, failover?: boolean): Promise<{ failoverMs: number; port: number }>;
  stop(): Promise<void>;
}

export async function startCluster(replicas: 0 | 1): Promise<ClusterSet> {
  const servers = new Servers();
  try {
    const ports = await Promise.all(Array.from({ length: 3 * (1 + replicas) }, () => freePortPair()));
    const byPort = new Map<number, ServerProcess>();
    await Promise.all(
      ports.map(async (port) => {
        const args = [
          '--port',
          String(port),
          ...BASE,
          '--dir',
          servers.dir,
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(servers.dir, `nodes-${port}.conf`),
          '--cluster-node-timeout',
          '1000',
        ];
        byPort.set(port, await servers.start(port, args));
      }),
    );
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
    ]);
    const everyNodeOk = async (among: readonly number[]) =>
      (
        await Promise.all(
          among.map((port) =>
            onNode(port, async (c) => {
              const text = (await c.call('CLUSTER', 'INFO')) as string;
              return (
                text.includes('cluster_state:ok') && text.includes(`cluster_known_nodes:${ports.length}`)
              );
            }),
          ),
        )
      ).every(Boolean);
    await waitUntil(() => everyNodeOk(ports), 'the cluster to be ok on every node', 30_000);
    // A replica that never synced cannot be promoted (its data is too old to count).
    await waitUntil(
      async () =>
        (
          await Promise.all(
            ports.map((port) =>
              onNode(port, async (c) => {
                const replication = await info(c, 'replication');
                return replication.get('role') === 'master' || replication.get('master_link_status') === 'up';
              }),
            ),
          )
        ).every(Boolean),
      'every replica in sync',
      30_000,
    );
    const alive = new Set(ports);
    return {
      url: `redis+cluster://${ports
        .slice(0, 3)
        .map((port) => `127.0.0.1:${port}`)
        .join(',')}`,
      async killMasterOf(slot, failover = true) {
        const first = [...alive][0] as number;
        const slots =
          (await onNode(
            first,
            (c) => c.call('CLUSTER', 'SLOTS') as Promise<[number, number, [string, number]][]>,
          )) ?? [];
        const range = slots.find(([from, to]) => slot >= from && slot <= to);
        const port = Number(range?.[2][1]);
        const killedAt = Date.now();
        await servers.kill(byPort.get(port) as ServerProcess);
        alive.delete(port);
        if (!failover) return { failoverMs: 0, port };
        // Served again: every surviving node is ok and names another master for the slot.
        await waitUntil(
          async () =>
            (
              await Promise.all(
                [...alive].map((p) =>
                  onNode(p, async (c) => {
                    const ok = ((await c.call('CLUSTER', 'INFO')) as string).includes('cluster_state:ok');
                    const now = (await c.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
                    const owner = now.find(([from, to]) => slot >= from && slot <= to)?.[2][1];
                    return ok && owner !== undefined && Number(owner) !== port;
                  }),
                ),
              )
            ).every(Boolean),
          'the cluster to fail over',
          30_000,
        );
        return { failoverMs: Date.now() - killedAt, port };
      },
      stop: () => servers.stop(),
    };
  } catch (error) {
    await servers.stop();
    throw error;
  }
}
