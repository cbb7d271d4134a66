/**
 * The kinds of DashScope job dashwatch watches, by name. Each kind's folder (`src/kinds/<kind>/`) adds
 * its name here by declaration merging, and `src/kinds/registry.ts` lists its descriptor: a kind named
 * in one place and not the other fails to compile.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, one member per kind
export interface JobKindNames {}
export type JobKind = keyof JobKindNames & string;

/** Normalized job status; `rawStatus` on the record keeps the vendor's spelling. */
export const JOB_STATUSES = [
  'PENDING',
  'QUEUING',
  'RUNNING',
  'CANCELING',
  'SUCCEEDED',
  'FAILED',
  'CANCELED',
  'UNKNOWN',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['SUCCEEDED', 'FAILED', 'CANCELED']);

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** One job as the API shows it now, normalized across kinds. Times are ISO 8601 UTC. */
export interface JobRecord {
  kind: JobKind;
  account: string;
  id: string;
  status: JobStatus;
  rawStatus: string;
  name?: string;
  model?: string;
  baseModel?: string;
  /** The deployable model id (fine-tune output, imported model name, quantized output, checkpoint model). */
  output?: string;
  createdAt?: string;
  startedAt?: string;
  endedAt?: string;
  /** Tokens for fine-tunes, GPU seconds for compression jobs. */
  usage?: number;
  error?: { code?: string; message?: string };
  /** Checkpoints: the fine-tune job they belong to. */
  parentId?: string;
  expiresAt?: string;
}

export type JobEventType = 'created' | 'transition' | 'removed' | 'stuck' | 'expiring';

/** What happened to a job, ready to route. The id is deterministic for the same change. */
export interface JobEvent {
  id: string;
  type: JobEventType;
  from?: JobStatus;
  to?: JobStatus;
  job: JobRecord;
  /** `stuck` events: when the job entered the status it is stuck in. */
  since?: string;
  detectedAt: string;
  /** Digest copies only: the silence that kept this event from chat and mail when it was routed. */
  silenced?: string;
  /** A failed fine-tune's last log lines, attached when the event is routed (`failureLogLines`). */
  failureLog?: FailureLog;
}

/**
 * The end of a failed job's log as read when its failure was routed: the lines (scrubbed, oldest
 * first) and how many the log has in all, or why it could not be read (a code, never the API's text).
 */
export type FailureLog = { lines: string[]; total: number } | { unreadable: string };

/** The identity of a watch (one account × one job kind), safe to log: it holds no secret. */
export interface WatchRef {
  id: string;
  account: string;
  kind: JobKind;
}

/** A watch whose cycles fail is itself news: a blind monitor must be loud. */
export interface WatchEvent {
  id: string;
  type: 'watch_failing' | 'watch_recovered';
  watch: WatchRef;
  error?: { code: string; message: string; httpStatus?: number; requestId?: string };
  /** Consecutive failed cycles when the event was raised. */
  failures: number;
  detectedAt: string;
}

/**
 * News about dashwatch's own state, its Redis: it refuses writes or does not answer
 * (`store_failing`, then `store_recovered`), or it lost what dashwatch kept there (`store_reset`).
 * Routed wherever watch failures go.
 */
export interface SystemEvent {
  id: string;
  type: 'store_failing' | 'store_recovered' | 'store_reset';
  /** What happened, in a sentence, free of secrets. */
  detail: string;
  /** ISO: when the problem began, or (store_reset) when the lost state was last seen intact. */
  since: string;
  /** The deployment (its Redis key prefix). */
  deployment: string;
  detectedAt: string;
}

/** Everything that flows to the notify queue. */
export type DashwatchEvent = JobEvent | WatchEvent | SystemEvent;

export function isWatchEvent(event: DashwatchEvent): event is WatchEvent {
  return event.type === 'watch_failing' || event.type === 'watch_recovered';
}

export function isSystemEvent(event: DashwatchEvent): event is SystemEvent {
  return event.type === 'store_failing' || event.type === 'store_recovered' || event.type === 'store_reset';
}

export function isJobEvent(event: DashwatchEvent): event is JobEvent {
  return 'job' in event;
}
