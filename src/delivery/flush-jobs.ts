import type { JobsOptions } from 'bullmq';
import { NotifyError } from '../notifiers/notify-error.js';

export const DELIVER_QUEUE = 'deliver';

/** Data of a flush job: send what waits for one channel. */
export interface FlushJobData {
  channel: string;
}

const MAX_BACKOFF_MS = 5 * 60 * 1000;

/**
 * One flush per channel at a time, across processes: while a flush waits out the batching window it
 * absorbs every new request, and one requested while a flush runs starts when it ends. Delivery
 * failures are retried for days (BullMQ owns the retries): an event is never dropped for a slow peer.
 */
export function flushJob(channel: string, groupWaitMs: number): JobsOptions {
  return {
    delay: groupWaitMs,
    deduplication: { id: `flush:${channel}`, keepLastIfActive: true },
    attempts: 2000,
    backoff: { type: 'delivery' },
    removeOnComplete: { count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** Wait before retry: what the receiver asked for, else exponential with full jitter up to 5 min. */
export function deliveryBackoff(attemptsMade: number, _type?: string, error?: Error): number {
  if (error instanceof NotifyError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attemptsMade, 20));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * Options of the workers that must never drop a job: a job whose process was killed mid-way (stalled)
 * is taken up again however often that happens, and failures wait as `deliveryBackoff` says.
 */
export const DURABLE_WORKER_SETTINGS = {
  maxStalledCount: 1_000_000,
  settings: { backoffStrategy: deliveryBackoff },
} as const;
