import type { Watch } from '../core/watch.js';
import { within } from '../redis/connection.js';
import type { RedisMonitor } from '../redis/monitor.js';
import type { SnapshotStore } from '../store/index.js';
import { isFresh } from '../watch/index.js';

/** How long `/readyz` may spend reading watch health before it says Redis is too slow to tell. */
const READ_TIMEOUT_MS = 1500;

/**
 * `/readyz`: Redis answers and takes writes (from the monitor's last probe, no call now), and every
 * watch completed a cycle recently (one round trip, bounded). Answers within two seconds whatever
 * Redis does; the reason when not ready.
 */
export function readiness(
  monitor: RedisMonitor,
  store: SnapshotStore,
  watches: () => readonly Watch[],
): () => Promise<string | undefined> {
  return async () => {
    const problem = monitor.problem;
    if (problem !== undefined) return problem;
    const current = watches();
    let health: Awaited<ReturnType<SnapshotStore['healthOf']>> | undefined;
    await within(
      store.healthOf(current.map((watch) => watch.id)).then((read) => {
        health = read;
      }),
      READ_TIMEOUT_MS,
    );
    if (health === undefined) return `redis did not answer within ${READ_TIMEOUT_MS} ms`;
    const now = new Date();
    const stale = current.find((watch) => !isFresh({ watch, ...health?.get(watch.id) }, now));
    return stale === undefined ? undefined : `watch ${stale.id} has no recent cycle`;
  };
}
