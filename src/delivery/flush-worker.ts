import { type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../core/logger.js';
import type { Notifier } from '../notifiers/notifier.js';
import { NotifyError } from '../notifiers/notify-error.js';
import type { DeliveryStore } from '../store/index.js';
import { DELIVER_QUEUE, DURABLE_WORKER_SETTINGS, type FlushJobData, flushJob } from './flush-jobs.js';

/** A channel as the flush worker drives it. */
export interface FlushChannel {
  notifier: Notifier;
  /** Events per batch (one message, unless the channel's limits split it). */
  batchSize: number;
  /** Shared pause between two messages to one destination (Slack: 1 s per webhook). */
  minIntervalMs: number;
  groupWaitMs: number;
  /** Names the destination for the shared rate gate; hashed before use, never stored. */
  destination: string;
}

export interface FlushWorkerDeps {
  channels: ReadonlyMap<string, FlushChannel>;
  delivery: DeliveryStore;
  deliverQueue: Queue<FlushJobData>;
  logger: Logger;
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
      if (channel === undefined) throw new Error(`no channel named "${name}" in this process`);
      const owner = job.id ?? '';
      // Wait for the destination's turn before claiming: events arriving meanwhile join this batch
      // instead of waiting a whole extra turn for the next one.
      await delivery.passGate(channel.destination, channel.minIntervalMs, signal);
      let turnTaken = true;
      const batch = await delivery.claim(name, owner, channel.batchSize);
      if (batch.events.length === 0) return { sent: 0 };
      let sent = batch.partsSent;
      try {
        await channel.notifier.send(batch.events, signal ?? new AbortController().signal, {
          alreadySent: batch.partsSent,
          beforeMessage: async () => {
            if (turnTaken) turnTaken = false;
            else await delivery.passGate(channel.destination, channel.minIntervalMs, signal);
          },
          messageSent: async () => {
            sent += 1;
            await delivery.partSent(name, owner, sent);
          },
        });
      } catch (error) {
        return giveUpOrRetry(error, name, owner, batch.events.length, channel, deps);
      }
      const waiting = await delivery.finish(name, owner);
      deps.onDelivered?.(name, batch.events.length);
      if (waiting > 0) await deps.deliverQueue.add('flush', { channel: name }, flushJob(name, 0));
      return { sent: batch.events.length };
    },
    { connection, prefix, concurrency: 4, ...DURABLE_WORKER_SETTINGS },
  );
  worker.on('error', (error) => logger.error({ err: error }, 'flush worker error'));
  return worker;
}

async function giveUpOrRetry(
  error: unknown,
  name: string,
  owner: string,
  events: number,
  channel: FlushChannel,
  deps: FlushWorkerDeps,
): Promise<never> {
  const retryable = !(error instanceof NotifyError) || error.retryable;
  deps.onFailed?.(name, retryable);
  if (retryable) {
    const retryAfterMs = error instanceof NotifyError ? error.retryAfterMs : undefined;
    // Every process sending to this destination waits, not just this job.
    if (retryAfterMs !== undefined) await deps.delivery.holdGate(channel.destination, retryAfterMs);
    deps.logger.warn({ channel: name, events, err: error }, 'delivery failed; will retry');
    throw error;
  }
  const waiting = await deps.delivery.finish(name, owner);
  deps.logger.error(
    { channel: name, events, code: error.code, httpStatus: error.httpStatus, err: error },
    'delivery failed permanently; gave up on this batch',
  );
  if (waiting > 0) await deps.deliverQueue.add('flush', { channel: name }, flushJob(name, 0));
  throw new UnrecoverableError(error.message);
}
