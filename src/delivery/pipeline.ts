import type { Queue, Worker } from 'bullmq';
import type { Config } from '../config/index.js';
import { every } from '../core/every.js';
import type { Logger } from '../core/logger.js';
import type { DashwatchEvent } from '../core/types.js';
import { closeWorkers } from '../queue/close-workers.js';
import { openQueue } from '../queue/open-queue.js';
import { closeRedis, createRedis, within } from '../redis/connection.js';
import { ReplicaWait } from '../redis/replica-wait.js';
import { ChangeLog, DeliveryStore, DigestBuffer, RedisThreadStore, SilenceStore } from '../store/index.js';
import { buildChannels, closeChannels } from './channels.js';
import { digestDeps } from './digest-deps.js';
import {
  DIGEST_QUEUE,
  type DigestJobData,
  reconcileDigestSchedulers,
  startDigestWorker,
} from './digest-worker.js';
import { type LogTailReader, withFailureLog } from './failure-log.js';
import { DELIVER_QUEUE, type FlushJobData } from './flush-jobs.js';
import { startFlushWorker } from './flush-worker.js';
import { deliveryPolicy } from './retry-policy.js';
import { startRouteWorker } from './route-worker.js';
import { createRouter } from './router.js';

export interface NotifyPipeline {
  readonly deliverQueue: Queue<FlushJobData>;
  readonly digestQueue: Queue<DigestJobData>;
  /**
   * Routes and sends an event at once, straight to its channels, without Redis: for news about Redis
   * itself (it refuses writes, or does not answer), which the queues cannot carry. Failures are logged.
   */
  notifyNow(event: DashwatchEvent): Promise<void>;
  /** Lets in-flight sends finish within `timeoutMs`, then aborts them; closes everything. */
  stop(timeoutMs?: number): Promise<void>;
}

/** What the pipeline reports as it goes (the daemon counts them in its metrics). */
export interface DeliveryHooks {
  onRouted?(event: DashwatchEvent): void;
  onDelivered?(channel: string, events: number): void;
  onFailed?(channel: string, retryable: boolean): void;
}

/** What the pipeline may use beyond its configuration. */
export interface PipelineExtras {
  /** Reads a failed job's log; without it, failures go out without their log. */
  readLogTail?: LogTailReader;
  /** The clock quiet hours are judged by (tests inject one). */
  now?: () => number;
}

/**
 * The notification half of the daemon: routes events from the notify queue to channels and
 * digests, flushes each channel's batches, and sends digests on their cron schedule.
 */
export async function startNotifyPipeline(
  config: Config,
  logger: Logger,
  hooks: DeliveryHooks = {},
  redisHealthy?: () => boolean,
  extras: PipelineExtras = {},
): Promise<NotifyPipeline> {
  const { target, prefix } = config.redis;
  const redis = createRedis(target, 'dashwatch-notify');
  const replicaWait = new ReplicaWait(redis, { timeoutMs: config.redis.replicaWait, logger });
  const delivery = new DeliveryStore(redis, prefix, replicaWait);
  const buffer = new DigestBuffer(redis, prefix);
  const silences = new SilenceStore(redis, prefix);
  const deliverQueue = openQueue<FlushJobData>(DELIVER_QUEUE, redis, prefix, logger);
  const digestQueue = openQueue<DigestJobData>(DIGEST_QUEUE, redis, prefix, logger);
  const channels = buildChannels(config, logger, new RedisThreadStore(redis, prefix));
  const policy = deliveryPolicy({
    maxRetryAfterMs: config.delivery.maxRetryAfter,
    logger,
    ...(redisHealthy ? { redisHealthy } : {}),
  });
  const route = createRouter(config.routes);
  const shutdown = new AbortController();
  // A transport that cannot open now (a library missing) is reported here and retried on first use.
  await Promise.all(
    [...channels.values()].map((channel) =>
      channel
        .prepare()
        .catch((error: unknown) =>
          logger.error({ channel: channel.name, err: error }, 'channel did not open'),
        ),
    ),
  );
  const reconcileDigests = () =>
    reconcileDigestSchedulers(
      digestQueue,
      redis,
      `${prefix}:lock:digests`,
      config.digests,
      config.timeZone,
      logger,
    );
  await reconcileDigests();
  // Schedulers vanish with Redis's data: put them back within seconds, not at the next start.
  const digestCount = Object.keys(config.digests).length;
  let looks = 0;
  const keepScheduled = every(10_000, async () => {
    looks += 1;
    try {
      if (looks % 30 === 0 || (await digestQueue.getJobSchedulersCount()) !== digestCount)
        await reconcileDigests();
    } catch (error) {
      logger.debug({ err: error }, 'digest scheduler check failed; trying again shortly');
    }
  });

  // Each worker blocks on its own connection; BullMQ does not close connections it was given.
  const connections = [
    createRedis(target, 'dashwatch-router'),
    createRedis(target, 'dashwatch-flush'),
    createRedis(target, 'dashwatch-digest'),
  ];
  const [routerRedis, flushRedis, digestRedis] = connections as [typeof redis, typeof redis, typeof redis];
  const workers: Worker[] = [
    startRouteWorker(routerRedis, prefix, {
      route,
      delivery,
      digests: buffer,
      silences,
      deliverQueue,
      groupWaitMs: (channel) => channels.get(channel)?.config.groupWait ?? 0,
      logger,
      policy,
      ...(hooks.onRouted ? { onRouted: hooks.onRouted } : {}),
      ...(extras.readLogTail
        ? {
            enrich: (event) =>
              withFailureLog(event, {
                read: extras.readLogTail as LogTailReader,
                lines: config.failureLogLines,
                timeoutMs: config.delivery.failureLogTimeout,
                logger,
              }),
          }
        : {}),
    }),
    startFlushWorker(flushRedis, prefix, {
      channels,
      delivery,
      silences,
      changes: new ChangeLog(redis, prefix),
      deliverQueue,
      logger,
      policy,
      shutdown: shutdown.signal,
      onDelivered: (channel, events) => {
        hooks.onDelivered?.(channel, events);
        logger.info({ channel, events }, 'delivered');
      },
      onFailed: (channel, retryable) => hooks.onFailed?.(channel, retryable),
      timeZone: config.timeZone,
      ...(extras.now ? { now: extras.now } : {}),
    }),
    startDigestWorker(
      digestRedis,
      prefix,
      { ...digestDeps(config, redis, channels, logger), shutdown: shutdown.signal },
      policy,
    ),
  ];
  return {
    deliverQueue,
    digestQueue,
    async notifyNow(event) {
      await Promise.all(
        route(event).channels.map(async (name) => {
          const channel = channels.get(name);
          if (channel === undefined) return;
          try {
            await channel.send([event], shutdown.signal);
            hooks.onDelivered?.(name, 1);
          } catch (error) {
            hooks.onFailed?.(name, false);
            logger.error({ channel: name, event: event.type, err: error }, 'direct notification failed');
          }
        }),
      );
    },
    async stop(timeoutMs = 8000) {
      keepScheduled.stop();
      const forced = await closeWorkers(workers, timeoutMs, () => shutdown.abort());
      if (forced)
        logger.warn({ timeoutMs }, 'deliveries still in flight at stop were cut short; they will be retried');
      await within(Promise.all([deliverQueue.close(), digestQueue.close()]), 1000);
      await closeChannels(channels);
      await Promise.all([...connections, redis].map((connection) => closeRedis(connection)));
    },
  };
}
