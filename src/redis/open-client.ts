import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisTarget } from '../core/redis-target.js';
import type { RedisClient } from './client.js';

/** How a connection behaves when Redis is away. */
export interface ClientBehaviour {
  /** Shown in CLIENT LIST. */
  connectionName?: string;
  /** A one-shot command's connection: fails fast instead of waiting out a reconnect. */
  oneShot?: boolean;
  lazyConnect?: boolean;
}

// A master demoted to replica by a failover answers writes with READONLY: reconnect (through the
// sentinels, to the new master) and send the command again.
const reconnectOnReadonly = (error: Error) => (error.message.startsWith('READONLY') ? 2 : false);

/**
 * A connection to `target`. Long-lived connections wait out reconnects and failovers (commands queue
 * until Redis answers), as BullMQ workers need; one-shot connections fail at the first refusal.
 */
export function openClient(target: RedisTarget, behaviour: ClientBehaviour = {}): RedisClient {
  const waiting: RedisOptions = behaviour.oneShot
    ? { connectTimeout: 3000, maxRetriesPerRequest: 1, retryStrategy: () => null }
    : { maxRetriesPerRequest: null };
  const common: RedisOptions = {
    ...waiting,
    ...(behaviour.connectionName === undefined ? {} : { connectionName: behaviour.connectionName }),
    ...(behaviour.lazyConnect ? { lazyConnect: true } : {}),
  };
  switch (target.mode) {
    case 'single':
      return new Redis(target.url, common);
    case 'sentinel':
      return new Redis({
        ...common,
        sentinels: target.sentinels,
        name: target.name,
        db: target.db,
        ...credentials(target),
        ...(target.sentinelPassword === undefined ? {} : { sentinelPassword: target.sentinelPassword }),
        ...(target.tls ? { tls: {}, sentinelTLS: {}, enableTLSForSentinelMode: true } : {}),
        // Subscribes to the sentinels' +switch-master: a failover is followed within moments, not
        // at the next failed command.
        failoverDetector: !behaviour.oneShot,
        reconnectOnError: reconnectOnReadonly,
        ...(behaviour.oneShot ? { sentinelRetryStrategy: () => null } : {}),
      });
    case 'cluster':
      return new Cluster(target.nodes, {
        ...(behaviour.lazyConnect ? { lazyConnect: true } : {}),
        redisOptions: {
          ...waiting,
          ...(behaviour.connectionName === undefined ? {} : { connectionName: behaviour.connectionName }),
          ...credentials(target),
          ...(target.tls ? { tls: {} } : {}),
        },
        // Managed clusters answer CLUSTER SLOTS with addresses their TLS certificates do not name
        // when resolved; connecting by the name keeps the certificate check meaningful.
        ...(target.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
        // With the ready check, a connect() that finds cluster_state:fail (every node, during a
        // failover) reconnects on its own and never settles that promise. BullMQ awaits it to
        // recover a worker's blocking connection, and the worker then never takes a job again.
        // Without it, commands sent while the cluster is down are retried (retryDelayOnClusterDown).
        enableReadyCheck: false,
        clusterRetryStrategy: behaviour.oneShot ? () => null : (times) => Math.min(100 * times, 2000),
        // A failover moves slots: ask again shortly instead of failing the command.
        retryDelayOnFailover: 200,
        retryDelayOnClusterDown: 300,
        retryDelayOnTryAgain: 200,
        maxRedirections: 32,
        slotsRefreshTimeout: 2000,
      });
  }
}

function credentials(target: { username?: string; password?: string }): RedisOptions {
  return {
    ...(target.username === undefined ? {} : { username: target.username }),
    ...(target.password === undefined ? {} : { password: target.password }),
  };
}
