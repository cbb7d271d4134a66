import { type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DigestConfig } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import type { Watch } from '../core/watch.js';
import { renderDigest } from '../notifiers/email/digest-render.js';
import type { EmailNotifier } from '../notifiers/email/email-notifier.js';
import { NotifyError } from '../notifiers/notify-error.js';
import { withRedisLock } from '../redis/lock.js';
import type { DigestBuffer, SnapshotStore } from '../store/index.js';
import { buildDigestReport } from './digest-report.js';
import { DURABLE_WORKER_SETTINGS } from './flush-jobs.js';
import { liveJobs } from './live-jobs.js';

export const DIGEST_QUEUE = 'digest';

/** Data of a digest job; `force` (the `digest --now` command) sends even an empty window. */
export interface DigestJobData {
  digest: string;
  force?: boolean;
}

export interface DigestDeps {
  digests: Readonly<Record<string, DigestConfig>>;
  /** The email channel each digest goes through. */
  mailers: ReadonlyMap<string, EmailNotifier>;
  subjectPrefix: (digest: string) => string;
  buffer: DigestBuffer;
  store: SnapshotStore;
  watches: readonly Watch[];
  timeZone: string;
  logger: Logger;
  onSent?: (digest: string, events: number) => void;
}

/** Digest jobs are retried for days: a mail server down for a while delays the digest, never loses it. */
export const DIGEST_JOB_OPTIONS = {
  attempts: 2000,
  backoff: { type: 'delivery' },
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 100 },
};

/** What sending one digest did. */
export type DigestOutcome = { sent: boolean; events: number } | { skipped: string };

/**
 * Sends `name`'s window: everything buffered since the last window sent. The window is fixed when
 * `owner` (a job id) first opens it and closed only after the mail went out, so a retry resends the
 * same window and no window goes out twice. Throws while another owner is sending it.
 */
export async function sendDigest(
  deps: DigestDeps,
  name: string,
  owner: string,
  options: { force?: boolean; signal?: AbortSignal; scheduledAt?: number } = {},
): Promise<DigestOutcome> {
  const digest = deps.digests[name];
  const mailer = digest === undefined ? undefined : deps.mailers.get(digest.channel);
  if (digest === undefined || mailer === undefined) return { skipped: name };
  const window = await deps.buffer.open(name, owner);
  if (window === null) throw new Error(`digest "${name}" is being sent by another job; retrying`);
  // A job retried while an earlier window was failing (a mail outage) may run after a later window
  // already covered its cron tick: it sends what arrived since, but no empty digest of its own, or
  // an outage would end in a burst of empty digests, one per tick missed. (A first window, never
  // preceded by one, starts and ends now: it is not covered.)
  const covered =
    options.scheduledAt !== undefined && window.start >= options.scheduledAt && window.start < window.end;
  if (window.events.length === 0 && (!digest.sendEmpty || covered) && !options.force) {
    await deps.buffer.close(name, owner);
    return { sent: false, events: 0 };
  }
  const report = buildDigestReport({
    name,
    timeZone: digest.timeZone ?? deps.timeZone,
    window,
    events: window.events,
    live: await liveJobs(deps.store, deps.watches, new Date(window.end)),
  });
  const mail = renderDigest(report, { subjectPrefix: deps.subjectPrefix(name) });
  try {
    await mailer.sendMail(mail, options.signal ?? new AbortController().signal);
  } catch (error) {
    if (!(error instanceof NotifyError) || error.retryable) throw error;
    // Refused for good (5xx): retrying for days would hold the window open and, with it, every
    // later digest. Give this window up with one error line, as a flush gives up a batch.
    await deps.buffer.close(name, owner);
    deps.logger.error(
      { digest: name, events: window.events.length, code: error.code, err: error },
      'digest failed permanently; gave up on this window',
    );
    throw new UnrecoverableError(error.message);
  }
  await deps.buffer.close(name, owner);
  deps.logger.info({ digest: name, events: window.events.length }, 'digest sent');
  deps.onSent?.(name, window.events.length);
  return { sent: true, events: window.events.length };
}

/** Runs digest jobs, scheduled or asked for; BullMQ retries a failed send with backoff. */
export function startDigestWorker(
  connection: Redis,
  prefix: string,
  deps: DigestDeps,
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
    { connection, prefix, concurrency: 1, ...DURABLE_WORKER_SETTINGS },
  );
  worker.on('error', (error) => deps.logger.error({ err: error }, 'digest worker error'));
  return worker;
}

/** One cron scheduler per digest (and none for a digest no longer configured), under a lock. */
export async function reconcileDigestSchedulers(
  queue: Queue<DigestJobData>,
  redis: Redis,
  lockKey: string,
  digests: Readonly<Record<string, DigestConfig>>,
  timeZone: string,
): Promise<void> {
  await withRedisLock(redis, lockKey, async () => {
    const existing = await queue.getJobSchedulers(0, -1);
    for (const scheduler of existing) {
      const name = scheduler.key.startsWith('digest:') ? scheduler.key.slice('digest:'.length) : undefined;
      if (name !== undefined && digests[name] === undefined) await queue.removeJobScheduler(scheduler.key);
    }
    const current = new Map(existing.map((scheduler) => [scheduler.key, scheduler]));
    for (const [name, digest] of Object.entries(digests)) {
      const tz = digest.timeZone ?? timeZone;
      const id = `digest:${name}`;
      const known = current.get(id);
      // Upserting an unchanged scheduler would reschedule it for nothing.
      if (known?.pattern === digest.cron && known.tz === tz) continue;
      await queue.upsertJobScheduler(
        id,
        { pattern: digest.cron, tz },
        { name: 'digest', data: { digest: name }, opts: DIGEST_JOB_OPTIONS },
      );
    }
  });
}
