import type { Watch } from '../core/watch.js';

/**
 * A watch is fresh when it completed a cycle within three intervals (and at least two minutes): what
 * `status`, `/readyz` and the status page call healthy.
 */
export function isFresh(health: { watch: Watch; lastOkAt?: string }, now: Date): boolean {
  if (health.lastOkAt === undefined) return false;
  const allowed = Math.max(3 * health.watch.intervalMs, 120_000);
  return now.getTime() - Date.parse(health.lastOkAt) <= allowed;
}
