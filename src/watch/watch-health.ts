import type { Watch } from '../core/watch.js';
import type { CycleError, SnapshotStore } from '../store/index.js';

/** What `status`, `/readyz` and the health gauges say of one watch, from its snapshot meta. */
export interface WatchHealth {
  watch: Watch;
  failing: boolean;
  failures: number;
  lastOkAt?: string;
  lastError?: CycleError;
  baselineDone: boolean;
  jobs: number;
}

export async function watchHealth(store: SnapshotStore, watch: Watch): Promise<WatchHealth> {
  const view = await store.loadView(watch.id);
  return { watch, ...view.health, baselineDone: view.baselineDone, jobs: view.hot.size };
}

/** A watch is fresh when it completed a cycle within three intervals (and at least two minutes). */
export function isFresh(health: Pick<WatchHealth, 'watch' | 'lastOkAt'>, now: Date): boolean {
  if (health.lastOkAt === undefined) return false;
  const allowed = Math.max(3 * health.watch.intervalMs, 120_000);
  return now.getTime() - Date.parse(health.lastOkAt) <= allowed;
}
