import type { Change } from '../store/index.js';
import type { StatusWatch } from '../watch/status-report.js';

/** Where the status page and `/api/*` read from: the status report (`status --json`) and the change log. */
export interface StatusSource {
  /** Zone the page shows times in. */
  timeZone: string;
  /** The watches polled now. */
  watchIds(): readonly string[];
  /** The status report of `watchIds` (default: every watch), in their order. */
  report(now: Date, watchIds?: readonly string[]): Promise<StatusWatch[]>;
  /** Changes detected at or after `fromMs`, newest first. */
  changes(fromMs: number): Promise<Change[]>;
  /** Values that differ whenever a watch's report or the change log would: lets the page reuse reads. */
  stamps(): Promise<{ watches: ReadonlyMap<string, string>; changes: string }>;
}
