import type { JobsOptions } from 'bullmq';

/** BullMQ queue names; the key prefix (config) keeps several deployments apart in one Redis. */
export const POLL_QUEUE = 'poll';
export const NOTIFY_QUEUE = 'notify';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * A delivered event stays known by its id for a week, so a replayed event (same id) is dropped by
 * BullMQ instead of being notified twice; the issue asks for at least a day. Routing that fails (a
 * Redis blip) is retried for days, never dropped.
 */
export const NOTIFY_JOB_OPTIONS: JobsOptions = {
  attempts: 2000,
  backoff: { type: 'delivery' },
  removeOnComplete: { age: 7 * DAY_SECONDS },
  removeOnFail: { age: 30 * DAY_SECONDS },
};

/** Poll jobs are cheap to forget: the next interval is the retry. */
export const POLL_JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: { count: 200 },
  removeOnFail: { count: 200 },
};

/**
 * A poll job whose worker died, or whose last write Redis refused, is active with nobody on it; the
 * scheduler's next poll is only made when it is taken again. A short lock and frequent stalled checks
 * hand it back within seconds instead of a minute and a half.
 */
export const POLL_WORKER_OPTIONS = { lockDuration: 10_000, stalledInterval: 5_000 } as const;
