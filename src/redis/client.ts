import type { Cluster, Redis } from 'ioredis';

/** A connection to one Redis (directly or through Sentinel) or to a Redis Cluster. */
export type RedisClient = Redis | Cluster;

/** The master connections a SCAN must visit to see every key: each master of a cluster, else the one. */
export function masters(client: RedisClient): Redis[] {
  return client.isCluster ? (client as Cluster).nodes('master') : [client as Redis];
}
