import { WATCH_DEFAULTS } from '../../core/defaults.js';

/** Knobs shared by every poller. */
export interface PollerSettings {
  /** How often a watch reads every page regardless of totals (catches a delete + create pair). */
  fullScanEveryMs: number;
  /** Fine-tune models whose jobs emit checkpoints. */
  checkpointModels: readonly string[];
  /** Live jobs not seen on the pages read are fetched one by one up to this many; past it, paging goes on. */
  maxDetailFetches: number;
  /** The most list pages one cycle reads (see page-budget.ts). */
  maxPagesPerCycle: number;
}

export const DEFAULT_POLLER_SETTINGS: PollerSettings = {
  fullScanEveryMs: WATCH_DEFAULTS.fullScanEveryMs,
  checkpointModels: WATCH_DEFAULTS.checkpointModels,
  maxDetailFetches: WATCH_DEFAULTS.maxDetailFetches,
  maxPagesPerCycle: WATCH_DEFAULTS.maxPagesPerCycle,
};
