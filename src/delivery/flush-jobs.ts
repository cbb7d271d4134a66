import type { JobsOptions } from 'bullmq';
import { DURABLE_JOB_OPTIONS, type FailureStreak } from './retry-policy.js';

export const DELIVER_QUEUE = 'deliver';

/** Data of a flush job: send what waits for one channel. */
export interface FlushJobData extends FailureStreak {
  channel: string;
  /** Send what the channel held during its quiet hours, as one summary. */
  release?: boolean;
}

/**
 * One flush per channel at a time, across processes: while a flush waits out the batching window it
 * absorbs every new request, and one requested while a flush runs starts when it ends. Delivery
 * failures are retried for days (see retry-policy.ts): an event is never dropped for a slow peer.
 */
export function flushJob(channel: string, groupWaitMs: number): JobsOptions {
  return {
    delay: groupWaitMs,
    deduplication: { id: `flush:${channel}`, keepLastIfActive: true },
    ...DURABLE_JOB_OPTIONS,
    removeOnComplete: { count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** The job that sends a channel's held events when its quiet hours end: one per channel at a time. */
export function releaseJob(channel: string, delayMs: number): JobsOptions {
  return {
    delay: Math.max(0, Math.round(delayMs)),
    deduplication: { id: `release:${channel}` },
    ...DURABLE_JOB_OPTIONS,
    removeOnComplete: { count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
