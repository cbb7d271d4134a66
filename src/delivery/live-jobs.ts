import { isTerminal } from '../core/types.js';
import type { Watch } from '../core/watch.js';
import type { DigestReport } from '../notifiers/index.js';
import { recordFromEntry, type SnapshotStore } from '../store/index.js';

/** Jobs live now across `watches`, oldest in their status first, from the snapshots. */
export async function liveJobs(
  store: SnapshotStore,
  watches: readonly Watch[],
  now: Date,
): Promise<DigestReport['live']> {
  const live: DigestReport['live'] = [];
  for (const watch of watches) {
    const view = await store.loadView(watch.id);
    for (const [id, entry] of view.hot) {
      if (isTerminal(entry.status)) continue;
      live.push({
        job: recordFromEntry(entry, id, watch),
        ageMs: Math.max(0, now.getTime() - Date.parse(entry.since)),
      });
    }
  }
  return live.sort((a, b) => b.ageMs - a.ageMs);
}
