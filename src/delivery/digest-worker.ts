import { type Job, type Queue, Worker } from 'bullmq';
import type { DigestConfig } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import { queuePrefix } from '../queue/names.js';
import { reconcileSchedulers, type WantedScheduler } from '../queue/schedulers.js';
import { guardWorker } from '../queue/worker-guard.js';
import type { RedisClient } from '../redis/client.js';
import { type DigestDeps, sendDigest } from './digest-send.js';
import { type DeliveryPolicy, DURABLE_JOB_OPTIONS } from './retry-policy.js';

export const DIGEST_QUEUE = 'digest';

/** Data of a digest job; `force` (the `digest --now` command) sends even an empty window. */
export interface DigestJobData {
  digest: string;
  force?: boolean;
}

/** Digest jobs are retried for days: a mail server down for a while delays the digest, never loses it. */
export const DIGEST_JOB_OPTIONS = {
  ...DURABLE_JOB_OPTIONS,
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 100 },
};

const SCHEDULER_PREFIX = 'digest:';

/** Runs digest jobs, scheduled or asked for; BullMQ retries a failed send with backoff. */
export function startDigestWorker(
  connection: RedisClient,
  prefix: string,
  deps: DigestDeps,
  policy: DeliveryPolicy,
): Worker<DigestJobData> {
  const worker = new Worker<DigestJobData>(
    DIGEST_QUEUE,
    (job: Job<DigestJobData>, _token?: string, signal?: AbortSignal) =>
      sendDigest(deps, job.data.digest, job.id ?? '', {
        ...(job.data.force ? { force: true } : {}),
        ...(signal ? { signal } : {}),
        // The cron tick a scheduled job stands for.
        ...(job.opts.prevMillis === undefined ? {} : { scheduledAt: job.opts.prevMillis }),
      }),
    {
      connection,
      prefix: queuePrefix(prefix, DIGEST_QUEUE, connection),
      concurrency: 1,
      ...policy.workerSettings,
    },
  );
  guardWorker(worker, { name: 'digest', logger: deps.logger, healthy: policy.redisHealthy });
  return worker;
}

/** One cron scheduler per digest (and none for a digest no longer configured). */
export function reconcileDigestSchedulers(
  queue: Queue<DigestJobData>,
  redis: RedisClient,
  lockKey: string,
  digests: Readonly<Record<string, DigestConfig>>,
  timeZone: string,
  logger: Logger,
): Promise<number> {
  const wanted = new Map<string, WantedScheduler<DigestJobData>>(
    Object.entries(digests).map(([name, digest]) => [
      `${SCHEDULER_PREFIX}${name}`,
      {
        repeat: { pattern: digest.cron, tz: digest.timeZone ?? timeZone },
        job: { name: 'digest', data: { digest: name }, opts: DIGEST_JOB_OPTIONS },
      },
    ]),
  );
  return reconcileSchedulers({
    queue,
    redis,
    lockKey,
    owns: (id) => id.startsWith(SCHEDULER_PREFIX),
    wanted,
    logger,
  });
}
