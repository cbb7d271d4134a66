const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The watch loop's defaults, in one place: the configuration schema fills absent keys from here, and
 * code that runs without a configuration (tests, benchmarks) starts from the same values.
 */
export const WATCH_DEFAULTS = {
  intervalMs: MINUTE,
  /** How often a watch reads every page regardless of totals (catches a delete + create pair). */
  fullScanEveryMs: HOUR,
  /** Fine-tune models whose jobs emit checkpoints. */
  checkpointModels: ['cosyvoice-v3-flash'] as readonly string[],
  /** Live jobs not seen on the pages read are fetched one by one up to this many; past it, paging goes on. */
  maxDetailFetches: 10,
  /** List pages (of 100) one cycle may read: 200,000 jobs per watch. */
  maxPagesPerCycle: 2000,
  /** A cycle still running after this long is aborted (and fails). */
  cycleTimeoutMs: 10 * MINUTE,
  requestTimeoutMs: 30_000,
  concurrency: 4,
  /** How long a live job may stay in one status before it is announced as stuck. */
  stuckAfterMs: { PENDING: 2 * HOUR, QUEUING: 2 * HOUR, RUNNING: 24 * HOUR, CANCELING: HOUR },
  /** A succeeded checkpoint expiring within this window is announced once. */
  expiringWithinMs: 48 * HOUR,
  notifyExisting: false,
  /** Consecutive failed cycles before `watch_failing` (401/403 raise it at once). */
  failingAfter: 3,
} as const;
