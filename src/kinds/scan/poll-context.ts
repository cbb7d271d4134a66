import type { Logger } from '../../core/logger.js';
import type { JobKind, JobRecord } from '../../core/types.js';
import type { Watch } from '../../core/watch.js';
import type { SnapEntry } from '../../store/snapshot-entry.js';
import type { JobsApi } from './jobs-api.js';

/** Knobs shared by every poller. */
export interface PollerSettings {
  /** How often a watch reads every page regardless of totals (catches a delete + create pair). */
  fullScanEveryMs: number;
  /** Fine-tune models whose jobs emit checkpoints. */
  checkpointModels: readonly string[];
  /** Live jobs not seen on the pages read are fetched one by one up to this many; past it, paging goes on. */
  maxDetailFetches: number;
}

export const DEFAULT_POLLER_SETTINGS: PollerSettings = {
  fullScanEveryMs: 60 * 60 * 1000,
  checkpointModels: ['cosyvoice-v3-flash'],
  maxDetailFetches: 10,
};

/** What a poller knows of the watch before it fetches: the snapshot's hot entries and its own notes. */
export interface PollState {
  baselineDone: boolean;
  /** Poller notes from the last committed cycle (totals, last full scan, open checkpoint parents). */
  meta: Readonly<Record<string, string>>;
  /** Jobs that can still change: live ones, and checkpoints whose expiry is ahead. */
  hot: ReadonlyMap<string, SnapEntry>;
}

export interface PollContext {
  watch: Watch;
  api: JobsApi;
  state: PollState;
  now: Date;
  signal: AbortSignal;
  logger: Logger;
  settings: PollerSettings;
  /** Which of `ids` the snapshot holds (one Redis round trip). */
  known(ids: readonly string[]): Promise<Set<string>>;
  /**
   * The snapshot of another kind on the same account (checkpoints follow their fine-tunes), or
   * undefined while that watch has no baseline yet.
   */
  peer(kind: JobKind, scope: 'hot' | 'all'): Promise<ReadonlyMap<string, SnapEntry> | undefined>;
}

/** A complete account of the watch this cycle: every job that may have changed is in `records`. */
export interface PollResult {
  records: JobRecord[];
  /** True when `records` holds every job of the watch, so a missing one may have been removed. */
  complete: boolean;
  /** Ids a detail call answered 404 for: gone. */
  notFound: string[];
  /** Notes for the next cycle, committed with the snapshot. */
  meta: Record<string, string>;
  pages: number;
  fullScan: boolean;
}

/** One per job kind; returns a complete view of the watch or throws, never a partial one. */
export interface Poller {
  readonly kind: JobKind;
  poll(ctx: PollContext): Promise<PollResult>;
}
