import type { Change } from '../store/index.js';
import type { StatusWatch } from '../watch/status-report.js';

/** Where the status page and `/api/*` read from: the status report (`status --json`) and the change log. */
export interface StatusSource {
  /** Zone the page shows times in. */
  timeZone: string;
  report(now: Date, options?: { all?: boolean }): Promise<StatusWatch[]>;
  /** Changes detected at or after `fromMs`, newest first. */
  changes(fromMs: number): Promise<Change[]>;
}
