import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';

/** The marker a deployment keeps in Redis: when it is gone, Redis lost dashwatch's state. */
export interface Marker {
  id: string;
  createdAt: string;
}

/**
 * One key per deployment, written once and never deleted. A process remembers the marker it saw;
 * finding another one (or none) means Redis lost its data — a FLUSHALL, a restart without
 * persistence, a failover to an empty replica — and with it snapshots, schedulers and queues.
 */
export class DeploymentMarker {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = `${prefix}:deployment`;
  }

  /** The deployment's marker, written now if there is none. */
  async ensure(now = new Date()): Promise<Marker> {
    const fresh: Marker = { id: randomUUID(), createdAt: now.toISOString() };
    if ((await this.redis.set(this.key, JSON.stringify(fresh), 'NX')) === 'OK') return fresh;
    const stored = await this.redis.get(this.key);
    return stored === null ? fresh : (JSON.parse(stored) as Marker);
  }
}
