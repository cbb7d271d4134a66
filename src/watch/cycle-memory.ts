import type { DiffOutput, SnapEntry } from '../store/index.js';
import { isHot } from '../store/index.js';

/** What this process last saw of a watch: when, and the jobs that could still change. */
export interface Remembered {
  at: string;
  hot: ReadonlyMap<string, SnapEntry>;
}

/**
 * What this process remembers of each watch it polled, in memory: the hot jobs after its last commit.
 * When Redis loses the snapshot, the re-baseline diffs against this, so a job that finished in the gap
 * is still announced (and the whole history is not). Live jobs only: small.
 */
export class CycleMemory {
  private readonly watches = new Map<string, Remembered>();

  recall(watchId: string): Remembered | undefined {
    return this.watches.get(watchId);
  }

  /** After a commit: the hot jobs `before` it, changed as `changes` says. */
  remember(watchId: string, now: Date, before: ReadonlyMap<string, SnapEntry>, changes: DiffOutput): void {
    const hot = new Map(before);
    for (const id of changes.deletes) hot.delete(id);
    for (const [id, entry] of changes.upserts) {
      if (isHot(entry, now)) hot.set(id, entry);
      else hot.delete(id);
    }
    this.watches.set(watchId, { at: now.toISOString(), hot });
  }

  forget(watchId: string): void {
    this.watches.delete(watchId);
  }
}
