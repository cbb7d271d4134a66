import { type Job, type Queue, Worker } from 'bullmq';
import type { Logger } from '../core/logger.js';
import type { DashwatchEvent } from '../core/types.js';
import { NOTIFY_QUEUE, queuePrefix } from '../queue/names.js';
import { guardWorker } from '../queue/worker-guard.js';
import type { RedisClient } from '../redis/client.js';
import type { DeliveryStore, DigestBuffer } from '../store/index.js';
import { type FlushJobData, flushJob } from './flush-jobs.js';
import type { DeliveryPolicy } from './retry-policy.js';
import type { Destinations } from './router.js';

export interface RouteWorkerDeps {
  route: (event: DashwatchEvent) => Destinations;
  delivery: DeliveryStore;
  digests: DigestBuffer;
  deliverQueue: Queue<FlushJobData>;
  /** Each channel's batching window. */
  groupWaitMs: (channel: string) => number;
  logger: Logger;
  policy: DeliveryPolicy;
  onRouted?: (event: DashwatchEvent, destinations: Destinations) => void;
}

/**
 * Takes events off the notify queue and hands each to the channels and digests its routes name.
 * Every step is idempotent (an event already queued or delivered for a channel is not queued again),
 * so a job retried after a crash changes nothing twice.
 */
export function startRouteWorker(
  connection: RedisClient,
  prefix: string,
  deps: RouteWorkerDeps,
): Worker<DashwatchEvent, Destinations> {
  const worker = new Worker<DashwatchEvent, Destinations>(
    NOTIFY_QUEUE,
    async (job: Job<DashwatchEvent>) => {
      const event = job.data;
      const destinations = deps.route(event);
      for (const channel of destinations.channels) {
        await deps.delivery.enqueue(channel, event);
        // Always (re)arm the flush: it is deduplicated per channel, and an event queued by a process
        // that died before arming it must not wait for the next one.
        await deps.deliverQueue.add('flush', { channel }, flushJob(channel, deps.groupWaitMs(channel)));
      }
      for (const digest of destinations.digests) await deps.digests.add(digest, event);
      deps.onRouted?.(event, destinations);
      return destinations;
    },
    // One at a time: events reach each channel's buffer in the order they were detected.
    {
      connection,
      prefix: queuePrefix(prefix, NOTIFY_QUEUE, connection),
      concurrency: 1,
      ...deps.policy.workerSettings,
    },
  );
  guardWorker(worker, { name: 'route', logger: deps.logger, healthy: deps.policy.redisHealthy });
  return worker;
}
