import { setTimeout as sleep } from 'node:timers/promises';
import { deadline, linkedSignal } from '../core/deadline.js';
import type { Logger } from '../core/logger.js';
import { isTerminal, type JobRecord } from '../core/types.js';
import { type JobKindDescriptor, type JobsApi, readJob } from '../kinds/index.js';
import { type CheckpointProgress, checkpointProgress } from './checkpoint-progress.js';
import { JobNotFoundError } from './job-not-found-error.js';

/** One reading of the job, for a progress display. */
export interface WaitUpdate {
  job: JobRecord;
  /** Wall-clock ms when the job entered its status, as closely as the API and the polls tell. */
  statusSinceMs: number;
  /** Since the wait began. */
  elapsedMs: number;
  /** True on the first reading and whenever the status or the checkpoints changed. */
  changed: boolean;
  /** Fine-tunes of models that emit checkpoints: how far they have come. */
  checkpoints?: CheckpointProgress;
}

export type WaitOutcome =
  | { ended: true; job: JobRecord; elapsedMs: number }
  /** The timeout passed first; `job` is the last reading, if there was one. */
  | { ended: false; job?: JobRecord; elapsedMs: number };

export interface WaitOptions {
  kind: JobKindDescriptor;
  id: string;
  api: JobsApi;
  account: string;
  timeZone: string;
  logger: Logger;
  intervalMs: number;
  /** No timeout when absent. It also cuts short a request in flight. */
  timeoutMs?: number;
  /** Fine-tune models whose jobs emit checkpoints (`polling.checkpointModels`). */
  checkpointModels?: readonly string[];
  signal?: AbortSignal;
  onUpdate?(update: WaitUpdate): void;
  /**
   * Runs after each reading of the job, before the wait decides whether it ended: what it reads
   * then (new log lines) includes everything the job wrote before it ended.
   */
  afterRead?(job: JobRecord, signal: AbortSignal): Promise<void>;
  /** Wall-clock milliseconds; tests pin it. */
  now?: () => number;
}

/**
 * Polls one job until it ends (SUCCEEDED, FAILED, CANCELED) or the timeout passes. Each reading goes
 * through the client's retries (backoff on 429/5xx, Retry-After), as a poll cycle's do; a failure past
 * them, or a job the API does not know (`JobNotFoundError`), is thrown.
 */
export async function waitForJob(options: WaitOptions): Promise<WaitOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  const limit =
    options.timeoutMs === undefined
      ? { ...linkedSignal(options.signal), timedOut: false }
      : deadline(options.timeoutMs, options.signal);
  let last: WaitUpdate | undefined;
  const timedOut = (): WaitOutcome => ({
    ended: false,
    elapsedMs: now() - started,
    ...(last === undefined ? {} : { job: last.job }),
  });
  try {
    for (;;) {
      let job: JobRecord;
      let checkpoints: CheckpointProgress | undefined;
      try {
        const read = await readJob(options.kind, options.api, options.id, {
          ...options,
          signal: limit.signal,
        });
        if (read === null) throw new JobNotFoundError(options.kind.label, options.id);
        job = read;
        checkpoints = await checkpointProgress(job, options, limit.signal);
        await options.afterRead?.(job, limit.signal);
      } catch (error) {
        if (limit.timedOut) return timedOut();
        throw error;
      }
      last = nextUpdate(last, job, checkpoints, now(), started);
      options.onUpdate?.(last);
      if (isTerminal(job.status)) return { ended: true, job, elapsedMs: last.elapsedMs };
      try {
        await sleep(options.intervalMs, undefined, { signal: limit.signal });
      } catch (error) {
        if (limit.timedOut) return timedOut();
        throw error;
      }
    }
  } finally {
    limit.dispose();
  }
}

function nextUpdate(
  previous: WaitUpdate | undefined,
  job: JobRecord,
  checkpoints: CheckpointProgress | undefined,
  nowMs: number,
  started: number,
): WaitUpdate {
  const statusChanged = previous === undefined || previous.job.status !== job.status;
  const checkpointsChanged =
    previous?.checkpoints?.count !== checkpoints?.count ||
    previous?.checkpoints?.latest !== checkpoints?.latest;
  // The API dates a status only here and there (creation, start, end); otherwise the poll that first
  // saw it is the best guess.
  const statusSinceMs = statusChanged ? (entered(job) ?? nowMs) : previous.statusSinceMs;
  return {
    job,
    statusSinceMs,
    elapsedMs: nowMs - started,
    changed: statusChanged || checkpointsChanged,
    ...(checkpoints === undefined ? {} : { checkpoints }),
  };
}

/** When the API says the job entered its current status, if it says. */
function entered(job: JobRecord): number | undefined {
  const at =
    job.status === 'PENDING' || job.status === 'QUEUING'
      ? job.createdAt
      : job.status === 'RUNNING'
        ? job.startedAt
        : isTerminal(job.status)
          ? job.endedAt
          : undefined;
  const ms = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isNaN(ms) ? undefined : ms;
}
