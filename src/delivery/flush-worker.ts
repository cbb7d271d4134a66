import { type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { linkedSignal } from '../core/deadline.js';
import { DashwatchError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Channel } from '../notifiers/index.js';
import { guardWorker } from '../queue/worker-guard.js';
import type { DeliveryStore } from '../store/index.js';
import { DELIVER_QUEUE, type FlushJobData, flushJob } from './flush-jobs.js';
import { type DeliveryPolicy, failureCode, shouldGiveUp } from './retry-policy.js';

export interface FlushWorkerDeps {
  channels: ReadonlyMap<string, Channel>;
  delivery: DeliveryStore;
  deliverQueue: Queue<FlushJobData>;
  logger: Logger;
  policy: DeliveryPolicy;
  /** Aborted when the process stops: an in-flight send gives up at once (it is retried later). */
  shutdown: AbortSignal;
  onDelivered?: (channel: string, events: number) => void;
  onFailed?: (channel: string, retryable: boolean) => void;
}

/**
 * Sends one batch per flush job. A retry of the job sends the same batch and skips the messages
 * that already went out; a permanent failure gives the batch up with one log line and blocks nothing
 * else (other channels have their own jobs, and the channel's next batch gets its own chance).
 */
export function startFlushWorker(
  connection: Redis,
  prefix: string,
  deps: FlushWorkerDeps,
): Worker<FlushJobData> {
  const { delivery, logger } = deps;
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
        return await flush(name, job.id ?? '', channel, stop.signal, job.timestamp);
      } finally {
        stop.dispose();
      }
    },
    { connection, prefix, concurrency: 4, ...deps.policy.workerSettings },
  );
  guardWorker(worker, { name: 'flush', logger, healthy: deps.policy.redisHealthy });
  return worker;

  /** Sends the batch of flush job `owner`; a retry of the job resends that batch, skipping parts sent. */
  async function flush(name: string, owner: string, channel: Channel, signal: AbortSignal, since: number) {
    const { minInterval, maxJobsPerMessage } = channel.config;
    // Wait for the destination's turn before claiming: events arriving meanwhile join this batch
    // instead of waiting a whole extra turn for the next one.
    await delivery.passGate(channel.destination, minInterval, signal);
    let turnTaken = true;
    const batch = await delivery.claim(name, owner, maxJobsPerMessage);
    if (batch.events.length === 0) return { sent: 0 };
    let sent = batch.partsSent;
    try {
      await channel.send(batch.events, signal, {
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
      return giveUpOrRetry(error, name, owner, batch.events.length, channel, deps, since);
    }
    const waiting = await delivery.finish(name, owner);
    deps.onDelivered?.(name, batch.events.length);
    if (waiting > 0) await deps.deliverQueue.add('flush', { channel: name }, flushJob(name, 0));
    return { sent: batch.events.length };
  }
}

async function giveUpOrRetry(
  error: unknown,
  name: string,
  owner: string,
  events: number,
  channel: Channel,
  deps: FlushWorkerDeps,
  since: number,
): Promise<never> {
  // The flush job is created when its batch's first event arrives: its age is how long the batch has waited.
  const giveUp = shouldGiveUp(error, { sinceMs: since, retryForMs: channel.config.retryFor });
  deps.onFailed?.(name, !giveUp);
  if (!giveUp) {
    const retryAfterMs = deps.policy.retryAfter(error);
    // Every process sending to this destination waits, not just this job.
    if (retryAfterMs !== undefined) await deps.delivery.holdGate(channel.destination, retryAfterMs);
    deps.logger.warn({ channel: name, events, err: error }, 'delivery failed; will retry');
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
