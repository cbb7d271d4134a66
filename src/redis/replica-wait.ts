import calculateSlot from 'cluster-key-slot';
import type { ChainableCommander, Cluster, Redis } from 'ioredis';
import { LogThrottle } from '../core/log-throttle.js';
import type { Logger } from '../core/logger.js';
import { masters, type RedisClient } from './client.js';

export interface ReplicaWaitOptions {
  /** The longest a write waits for one replica to acknowledge it; 0 never waits. */
  timeoutMs: number;
  logger?: Logger;
  /** How often the masters are asked (ROLE) how many replicas they have. */
  refreshMs?: number;
  now?: () => number;
}

/** What the waits did, for benchmarks and tests. */
export interface ReplicaWaitCounts {
  /** Writes followed by a WAIT. */
  waited: number;
  /** WAITs that ended with no replica acknowledging (the replica lags or is gone). */
  unacknowledged: number;
}

/**
 * Writes that must survive a failover: with asynchronous replication a promoted replica lacks the
 * master's last writes, so a snapshot commit it never saw would be redone (a duplicate at worst) and
 * a delivery mark it never saw would be sent again. Each such write is sent in one pipeline with
 * `WAIT 1 timeout` when its master has replicas: no extra round trip, and the write is on a replica
 * before the caller goes on. A master without replicas is not waited on (WAIT would only time out).
 */
export class ReplicaWait {
  readonly counts: ReplicaWaitCounts = { waited: 0, unacknowledged: 0 };
  /** Replicas per master (`host:port` as the cluster names it; '' for a single master). */
  private replicas = new Map<string, number>();
  private checkedAt = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<void> | undefined;
  private readonly throttle = new LogThrottle();
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: ReplicaWaitOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Sends what `add` puts in a pipeline (commands on `key`'s slot), followed by WAIT when `key`'s master
   * has replicas; returns the first command's reply.
   */
  async write<T>(key: string, add: (pipeline: ChainableCommander) => void): Promise<T> {
    const waits = this.options.timeoutMs > 0 && (await this.replicasOf(key)) > 0;
    const pipeline = this.redis.pipeline();
    add(pipeline);
    if (waits) pipeline.wait(1, this.options.timeoutMs);
    const replies = (await pipeline.exec()) ?? [];
    const [error, reply] = replies[0] ?? [new Error('empty pipeline reply'), undefined];
    if (error) throw error;
    if (waits) {
      this.counts.waited += 1;
      const [waitError, acked] = replies.at(-1) ?? [];
      // The connection went with the master: the write may be lost, so the caller must not go on as
      // if it were kept (a cycle redoes its commit, a flush its mark).
      if (waitError) throw waitError;
      if (acked === 0) this.unacknowledged();
    }
    return reply as T;
  }

  private unacknowledged(): void {
    this.counts.unacknowledged += 1;
    // The replica may be gone: look again soon rather than wait out every write.
    this.checkedAt = Number.NEGATIVE_INFINITY;
    if (this.options.logger)
      this.throttle.log(
        this.options.logger,
        'warn',
        'replica-wait',
        { timeoutMs: this.options.timeoutMs },
        'no replica acknowledged a write in time; a failover now could lose it (at worst a duplicate)',
      );
  }

  private async replicasOf(key: string): Promise<number> {
    if (this.now() - this.checkedAt >= (this.options.refreshMs ?? 5000)) {
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = undefined;
      });
      // Only the first look is waited for; later ones refresh behind the writes.
      if (this.checkedAt === Number.NEGATIVE_INFINITY) await this.refreshing.catch(() => undefined);
    }
    if (!this.redis.isCluster) return this.replicas.get('') ?? 0;
    const master = (this.redis as Cluster).slots[calculateSlot(key)]?.[0];
    return master === undefined ? 0 : (this.replicas.get(master) ?? 0);
  }

  private async refresh(): Promise<void> {
    const cluster = this.redis.isCluster;
    const next = new Map<string, number>();
    await Promise.all(
      masters(this.redis).map(async (node: Redis) => {
        const role = (await node.role()) as unknown[];
        const name = cluster ? `${node.options.host}:${node.options.port}` : '';
        next.set(name, role[0] === 'master' && Array.isArray(role[2]) ? role[2].length : 0);
      }),
    );
    this.replicas = next;
    this.checkedAt = this.now();
  }
}
