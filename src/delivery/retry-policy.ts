import type { JobsOptions, MinimalJob } from 'bullmq';
import { DashwatchError, isPermanent } from '../core/errors.js';
import { LogThrottle } from '../core/log-throttle.js';
import type { Logger } from '../core/logger.js';
import { NotifyError } from '../notifiers/index.js';

/**
 * The one place that decides how delivery work is retried and when it is given up: routing, flushing
 * a channel's batch and sending a digest all follow it. BullMQ owns the retries; this says how long to
 * wait and whether to stop.
 */

const MAX_BACKOFF_MS = 5 * 60 * 1000;

/** Retried for days: a receiver down for a while delays delivery, never loses it. */
export const DURABLE_ATTEMPTS = 2000;

/** Job options of durable delivery work (`delivery` is the backoff strategy the policy provides). */
export const DURABLE_JOB_OPTIONS: Pick<JobsOptions, 'attempts' | 'backoff'> = {
  attempts: DURABLE_ATTEMPTS,
  backoff: { type: 'delivery' },
};

/**
 * True when retrying cannot help (a permanent answer), or when the channel retries for a bounded time
 * (`retryFor`, the webhook's 24 h) and the work was first tried longer ago than that: the work is
 * given up with one error line.
 */
export function shouldGiveUp(
  error: unknown,
  age?: { sinceMs: number; retryForMs?: number | undefined },
): boolean {
  if (isPermanent(error)) return true;
  return age?.retryForMs !== undefined && Date.now() - age.sinceMs > age.retryForMs;
}

/** The code to log for a failure, when it has one. */
export function failureCode(error: unknown): string | undefined {
  return error instanceof DashwatchError ? error.code : undefined;
}

/**
 * Job data of work that sends in parts (a channel's batch): how many attempts had been made when one
 * last sent a part. The wait grows with the failures since then, whatever failed, so a receiver
 * failing now and then slows a long batch by seconds per failure, not by an ever-doubling wait.
 */
export interface FailureStreak {
  attemptsAtProgress?: number;
}

/** Failures in a row of a job that has made `attemptsMade` attempts (its streak's start in its data). */
export function failuresInARow(attemptsMade: number, job?: Pick<MinimalJob, 'data'>): number {
  const start = (job?.data as FailureStreak | undefined)?.attemptsAtProgress ?? 0;
  return Math.max(1, attemptsMade - start);
}

export interface DeliveryPolicy {
  /**
   * Wait before retry: what the receiver asked for (capped), else exponential with jitter up to
   * 5 min, growing with the job's failures in a row (see `FailureStreak`; else with its attempts).
   */
  backoff(attemptsMade: number, type?: string, error?: Error, job?: MinimalJob): number;
  /** How long the receiver asked every sender to wait (a 429's Retry-After), capped. */
  retryAfter(error: unknown): number | undefined;
  /** Whether Redis answers and takes writes (a paused worker resumes once it does). */
  redisHealthy(): boolean;
  /**
   * Options of the workers that must never drop a job: a job whose process was killed mid-way (stalled)
   * is taken up again however often that happens — and soon: its lock lapses after 10 s and stalled
   * jobs are looked for every 5 s, so a crash delays delivery by seconds, not minutes.
   */
  readonly workerSettings: {
    maxStalledCount: number;
    lockDuration: number;
    stalledInterval: number;
    settings: {
      backoffStrategy: (attemptsMade: number, type?: string, error?: Error, job?: MinimalJob) => number;
    };
  };
}

/**
 * The policy with its cap on Retry-After (`delivery.maxRetryAfter`): a receiver asking for 31 years
 * holds its destination for the cap, and the cap is logged (once per channel per 30 s).
 */
export function deliveryPolicy(options: {
  maxRetryAfterMs: number;
  logger: Logger;
  redisHealthy?: () => boolean;
}): DeliveryPolicy {
  const throttle = new LogThrottle();
  const retryAfter = (error: unknown): number | undefined => {
    if (!(error instanceof NotifyError) || error.retryAfterMs === undefined) return undefined;
    if (error.retryAfterMs <= options.maxRetryAfterMs) return error.retryAfterMs;
    throttle.log(
      options.logger,
      'warn',
      `retry-after:${error.channel}`,
      { channel: error.channel, askedMs: error.retryAfterMs, cappedMs: options.maxRetryAfterMs },
      'the receiver asked to wait longer than delivery.maxRetryAfter; waiting the cap',
    );
    return options.maxRetryAfterMs;
  };
  const backoff = (attemptsMade: number, _type?: string, error?: Error, job?: MinimalJob): number => {
    const asked = retryAfter(error);
    if (asked !== undefined) return asked;
    const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failuresInARow(attemptsMade, job), 20));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  };
  return {
    backoff,
    retryAfter,
    redisHealthy: options.redisHealthy ?? (() => true),
    workerSettings: {
      maxStalledCount: 1_000_000,
      lockDuration: 10_000,
      stalledInterval: 5_000,
      settings: { backoffStrategy: backoff },
    },
  };
}
