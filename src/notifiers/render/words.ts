import type { JobStatus } from '../../core/types.js';

/**
 * Everything a message says in words, in one language: status words, verbs, field labels, phrases,
 * durations and digest text. Renderers take one of these (`wordsFor(locale)`); what they read from
 * the API (names, ids, error text) is never translated.
 */
export interface Words {
  status: Record<JobStatus, string>;
  /** Headline verbs by their stable key (`NEW`, `STUCK`, `WATCH FAILING`, …). */
  verb(key: string, status: JobStatus): string;
  kind(kind: string, englishLabel: string): string;
  usageUnit(englishUnit: string): string;
  label: {
    jobId: string;
    change: string;
    status: string;
    lastStatus: string;
    stuck: string;
    account: string;
    model: string;
    outputModel: string;
    fineTune: string;
    duration: string;
    elapsed: string;
    usage: string;
    expires: string;
    error: string;
    watchId: string;
    failures: string;
    lastError: string;
    deployment: string;
    since: string;
    lastSeenIntact: string;
    what: string;
    /** A failed fine-tune's last log lines. */
    log: string;
  };
  duration(ms: number): string;
  number(value: number): string;
  soFar(span: string): string;
  forDuration(span: string): string;
  noLongerListed: string;
  apiSays: string;
  expired: string;
  inDuration(span: string): string;
  failedPolls(count: number): string;
  recoveredAfter(count: number): string;
  requestId: string;
  /** `(last 20 of 345 lines)`. */
  logTail(shown: number, total: number): string;
  /** The log could not be read when the failure was sent (`reason` is a code). */
  logUnreadable(reason: string): string;
  watchOf(kindLabel: string): string;
  /** `3 job updates (1 FAILED)`. */
  batch(count: number, watch: boolean, failed: number): string;
  partOf(part: number, parts: number): string;
  openConsole: string;
  /** Marks a digest's job whose news a silence held back. */
  silenced: string;
  digest: {
    title(name: string): string;
    headline(finished: number, failed: number, live: number, problems: number): string;
    counts: string;
    noCounts: string;
    failed: string;
    finished: string;
    live: string;
    problems: string;
    andMore(count: number): string;
    kind: string;
    status: string;
    jobs: string;
  };
}
