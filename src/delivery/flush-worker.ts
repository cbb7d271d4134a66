import { type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import { linkedSignal } from '../core/deadline.js';
import { DashwatchError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { DashwatchEvent } from '../core/types.js';
import type { Channel } from '../notifiers/index.js';
import { queuePrefix } from '../queue/names.js';
import { guardWorker } from '../queue/worker-guard.js';
import type { RedisClient } from '../redis/client.js';
import type { ChangeLog, DeliveryStore, SilenceStore } from '../store/index.js';
import { DELIVER_QUEUE, type FlushJobData, flushJob } from './flush-jobs.js';
import { heldSummary, outsideQuiet, type QuietDeps } from './quiet-hours.js';
import { type DeliveryPolicy, failureCode, failuresInARow, shouldGiveUp } from './retry-policy.js';
import { silenceOf } from './silences.js';

export interface FlushWorkerDeps {
  channels: ReadonlyMap<string, Channel>;
  delivery: DeliveryStore;
  silences: SilenceStore;
  /** Where the status page learns which changes a silence kept from chat and mail. */
  changes: Pick<ChangeLog, 'markSilenced'>;
  deliverQueue: Queue<FlushJobData>;
  logger: Logger;
  policy: DeliveryPolicy;
  /** Aborted when the process stops: an in-flight send gives up at once (it is retried later). */
  shutdown: AbortSignal;
  onDelivered?: (channel: string, events: number) => void;
  onFailed?: (channel: string, retryable: boolean) => void;
  /** The configuration's zone, for quiet hours that name none. */
  timeZone: string;
  /** The clock quiet hours are judged by (injected in tests). */
  now?: () => number;
}

/**
 * Sends one batch per flush job. A retry of the job sends the same batch and skips the messages
 * that already went out; a permanent failure gives the batch up with one log line and blocks nothing
 * else (other channels have their own jobs, and the channel's next batch gets its own chance).
 */
export function startFlushWorker(
  connection: RedisClient,
  prefix: string,
  deps: FlushWorkerDeps,
): Worker<FlushJobData> {
  const { delivery, logger } = deps;
  const quiet: QuietDeps = {
    delivery,
    deliverQueue: deps.deliverQueue,
    timeZone: deps.timeZone,
    now: deps.now ?? Date.now,
    logger,
  };
  const worker = new Worker<FlushJobData>(
    DELIVER_QUEUE,
    async (job: Job<FlushJobData>, _token?: string, signal?: AbortSignal) => {
      const name = job.data.channel;
      const channel = deps.channels.get(name);
      // A process started with an older config: retry later, when a process that has it may take it.
      if (channel === undefined) {
        throw new DashwatchError(`no channel named "${name}" in this process`, {
          code: 'ChannelUnknown',
          retryable: true,
          context: { channel: name },
        });
      }
      const stop = linkedSignal(signal, deps.shutdown);
      try {
        if (job.data.release) return await release(name, job.id ?? '', channel, stop.signal, job.timestamp);
        return await flush(job, channel, stop.signal);
      } finally {
        stop.dispose();
      }
    },
    {
      connection,
      prefix: queuePrefix(prefix, DELIVER_QUEUE, connection),
      concurrency: 4,
      ...deps.policy.workerSettings,
    },
  );
  guardWorker(worker, { name: 'flush', logger, healthy: deps.policy.redisHealthy });
  return worker;

  /** Sends what `name` held during its quiet hours as one summary, once they are over. */
  async function release(name: string, owner: string, channel: Channel, signal: AbortSignal, since: number) {
    const report = await heldSummary(name, owner, channel, quiet);
    if (report === undefined) return { sent: 0 };
    const events = report.counts.reduce((sum, row) => sum + row.count, 0);
    await delivery.passGate(channel.destination, channel.config.minInterval, signal);
    try {
      await channel.sendDigest(report, signal);
    } catch (error) {
      const giveUp = shouldGiveUp(error, { sinceMs: since, retryForMs: channel.config.retryFor });
      deps.onFailed?.(name, !giveUp);
      if (!giveUp) throw error;
      await delivery.finishHeld(name, owner);
      logger.error(
        { channel: name, events, err: error },
        'quiet-hours summary failed permanently; gave it up',
      );
      throw new UnrecoverableError((error as Error).message);
    }
    await delivery.finishHeld(name, owner);
    deps.onDelivered?.(name, events);
    logger.info({ channel: name, jobs: events }, 'quiet hours over: summary sent');
    return { sent: events };
  }

  /** Sends the batch of flush job `job`; a retry of the job resends that batch, skipping parts sent. */
  async function flush(job: Job<FlushJobData>, channel: Channel, signal: AbortSignal) {
    const name = job.data.channel;
    const owner = job.id ?? '';
    const { minInterval, maxJobsPerMessage } = channel.config;
    // Wait for the destination's turn before claiming: events arriving meanwhile join this batch
    // instead of waiting a whole extra turn for the next one.
    await delivery.passGate(channel.destination, minInterval, signal);
    let turnTaken = true;
    const batch = await delivery.claim(name, owner, maxJobsPerMessage);
    if (batch.events.length === 0) return { sent: 0 };
    const events = await outsideQuiet(name, channel, await unsilenced(name, channel, batch.events), quiet);
    let sent = batch.partsSent;
    try {
      await channel.send(events, signal, {
        alreadySent: batch.partsSent,
        beforeMessage: async () => {
          if (turnTaken) turnTaken = false;
          else await delivery.passGate(channel.destination, minInterval, signal);
        },
        messageSent: async () => {
          sent += 1;
          // The pause counts from when the receiver had the message, not from when it was begun: a
          // slow post must not bring the next one closer than the destination allows.
          if (minInterval > 0) await delivery.holdGate(channel.destination, minInterval);
          await delivery.partSent(name, owner, sent);
        },
      });
    } catch (error) {
      return giveUpOrRetry(
        error,
        job,
        { events: events.length, progressed: sent > batch.partsSent },
        channel,
        deps,
      );
    }
    const waiting = await delivery.finish(name, owner);
    if (events.length > 0) deps.onDelivered?.(name, events.length);
    if (waiting > 0) await deps.deliverQueue.add('flush', { channel: name }, flushJob(name, 0));
    return { sent: events.length };
  }

  /** The events no silence holds back, read afresh for each batch (silences change on any replica). */
  async function unsilenced(name: string, channel: Channel, events: DashwatchEvent[]) {
    if (!channel.silenceable) return events;
    const silences = await deps.silences.active();
    if (silences.length === 0) return events;
    const loud: DashwatchEvent[] = [];
    const marks: [string, string][] = [];
    for (const event of events) {
      const silence = silenceOf(event, silences);
      if (silence === undefined) loud.push(event);
      else marks.push([event.id, silence.id]);
    }
    if (marks.length === 0) return loud;
    await deps.changes.markSilenced(marks);
    logger.info({ channel: name, silenced: marks.length }, 'events silenced');
    return loud;
  }
}

async function giveUpOrRetry(
  error: unknown,
  job: Job<FlushJobData>,
  attempt: { events: number; progressed: boolean },
  channel: Channel,
  deps: FlushWorkerDeps,
): Promise<never> {
  const name = job.data.channel;
  const owner = job.id ?? '';
  const { events } = attempt;
  // The flush job is created when its batch's first event arrives: its age is how long the batch has waited.
  const giveUp = shouldGiveUp(error, { sinceMs: job.timestamp, retryForMs: channel.config.retryFor });
  deps.onFailed?.(name, !giveUp);
  if (!giveUp) {
    // This failure is attempt `job.attemptsMade + 1`; one that sent a part starts the streak anew.
    if (attempt.progressed) {
      // Without it the wait is only longer than it should be: not worth failing the retry over.
      await job.updateData({ ...job.data, attemptsAtProgress: job.attemptsMade }).catch(() => undefined);
    }
    const streak = failuresInARow(job.attemptsMade + 1, job);
    const retryAfterMs = deps.policy.retryAfter(error);
    // Every process sending to this destination waits, not just this job.
    if (retryAfterMs !== undefined) await deps.delivery.holdGate(channel.destination, retryAfterMs);
    deps.logger.warn(
      { channel: name, events, failuresInARow: streak, err: error },
      'delivery failed; will retry',
    );
    throw error;
  }
  const waiting = await deps.delivery.finish(name, owner);
  deps.logger.error(
    {
      channel: name,
      events,
      code: failureCode(error),
      httpStatus: (error as { httpStatus?: unknown }).httpStatus,
      err: error,
    },
    'delivery failed permanently; gave up on this batch',
  );
  if (waiting > 0) await deps.deliverQueue.add('flush', { channel: name }, flushJob(name, 0));
  throw new UnrecoverableError((error as Error).message);
}
