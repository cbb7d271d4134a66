import { Queue, type Worker } from 'bullmq';
import type { Config } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import type { DashwatchEvent } from '../core/types.js';
import { createRedis } from '../redis/connection.js';
import type { Metrics } from '../server/index.js';
import { DeliveryStore, DigestBuffer } from '../store/index.js';
import { buildChannels } from './channels.js';
import { digestDeps } from './digest-deps.js';
import {
  DIGEST_QUEUE,
  type DigestJobData,
  reconcileDigestSchedulers,
  startDigestWorker,
} from './digest-worker.js';
import { DELIVER_QUEUE, type FlushJobData } from './flush-jobs.js';
import { startFlushWorker } from './flush-worker.js';
import { startNotifyRouter } from './route-worker.js';
import { createRouter } from './routing-index.js';

export interface NotifyPipeline {
  readonly deliverQueue: Queue<FlushJobData>;
  readonly digestQueue: Queue<DigestJobData>;
  stop(): Promise<void>;
}

/**
 * The notification half of the daemon: routes events from the notify queue to channels and
 * digests, flushes each channel's batches, and sends digests on their cron schedule.
 */
export async function startNotifyPipeline(
  config: Config,
  logger: Logger,
  metrics?: Metrics,
): Promise<NotifyPipeline> {
  const { url, prefix } = config.redis;
  const redis = createRedis(url, 'dashwatch-notify');
  const delivery = new DeliveryStore(redis, prefix);
  const buffer = new DigestBuffer(redis, prefix);
  const deliverQueue = new Queue<FlushJobData>(DELIVER_QUEUE, { connection: redis, prefix });
  const digestQueue = new Queue<DigestJobData>(DIGEST_QUEUE, { connection: redis, prefix });
  const { channels, mailers } = buildChannels(config, logger);
  await reconcileDigestSchedulers(
    digestQueue,
    redis,
    `${prefix}:lock:digests`,
    config.digests,
    config.timeZone,
  );

  // Each worker blocks on its own connection; BullMQ does not close connections it was given.
  const connections = [
    createRedis(url, 'dashwatch-router'),
    createRedis(url, 'dashwatch-flush'),
    createRedis(url, 'dashwatch-digest'),
  ];
  const [routerRedis, flushRedis, digestRedis] = connections as [typeof redis, typeof redis, typeof redis];
  const workers: Worker[] = [
    startNotifyRouter(routerRedis, prefix, {
      route: createRouter(config.routes),
      delivery,
      digests: buffer,
      deliverQueue,
      groupWaitMs: (channel) => channels.get(channel)?.groupWaitMs ?? 0,
      logger,
      onRouted: (event: DashwatchEvent) => metrics?.events.inc({ type: event.type }),
    }),
    startFlushWorker(flushRedis, prefix, {
      channels,
      delivery,
      deliverQueue,
      logger,
      onDelivered: (channel, events) => {
        metrics?.notifications.inc({ channel, result: 'delivered' }, events);
        logger.info({ channel, events }, 'delivered');
      },
      onFailed: (channel, retryable) =>
        metrics?.notifications.inc({ channel, result: retryable ? 'retry' : 'failed' }),
    }),
    startDigestWorker(digestRedis, prefix, digestDeps(config, redis, mailers, logger)),
  ];
  return {
    deliverQueue,
    digestQueue,
    async stop() {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([deliverQueue.close(), digestQueue.close()]);
      await Promise.all([...channels.values()].map((channel) => channel.notifier.close?.()));
      await Promise.all([...connections, redis].map((connection) => connection.quit()));
    },
  };
}
