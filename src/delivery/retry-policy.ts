import type { JobsOptions } from 'bullmq';
import { DashwatchError, isPermanent } from '../core/errors.js';
import { NotifyError } from '../notifiers/index.js';

/**
 * The one place that decides how delivery work is retried and when it is given up: routing, flushing
 * a channel's batch and sending a digest all follow it. BullMQ owns the retries; this says how long to
 * wait and whether to stop.
 */

const MAX_BACKOFF_MS = 5 * 60 * 1000;

/** Retried for days: a receiver down for a while delays delivery, never loses it. */
export const DURABLE_ATTEMPTS = 2000;

/** Wait before retry: what the receiver asked for, else exponential with full jitter up to 5 min. */
export function deliveryBackoff(attemptsMade: number, _type?: string, error?: Error): number {
  const asked = retryAfterOf(error);
  if (asked !== undefined) return asked;
  const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attemptsMade, 20));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** How long the receiver asked every sender to wait (a 429's Retry-After), if it did. */
export function retryAfterOf(error: unknown): number | undefined {
  return error instanceof NotifyError ? error.retryAfterMs : undefined;
}

/** True when retrying cannot help (a permanent answer): the work is given up with one error line. */
export function shouldGiveUp(error: unknown): boolean {
  return isPermanent(error);
}

/** The code to log for a failure, when it has one. */
export function failureCode(error: unknown): string | undefined {
  return error instanceof DashwatchError ? error.code : undefined;
}

/** Job options of durable delivery work (`delivery` is the backoff strategy below). */
export const DURABLE_JOB_OPTIONS: Pick<JobsOptions, 'attempts' | 'backoff'> = {
  attempts: DURABLE_ATTEMPTS,
  backoff: { type: 'delivery' },
};

/**
 * Options of the workers that must never drop a job: a job whose process was killed mid-way
 * (stalled) is taken up again however often that happens — and soon: its lock lapses after 10 s and
 * stalled jobs are looked for every 5 s, so a crash delays delivery by seconds, not minutes. Failures
 * wait as `deliveryBackoff` says.
 */
export const DURABLE_WORKER_SETTINGS = {
  maxStalledCount: 1_000_000,
  lockDuration: 10_000,
  stalledInterval: 5_000,
  settings: { backoffStrategy: deliveryBackoff },
} as const;
