import { type Job, type Queue, Worker } from 'bullmq';
import type { Logger } from '../core/logger.js';
import { type DashwatchEvent, isJobEvent } from '../core/types.js';
import { NOTIFY_QUEUE, queuePrefix } from '../queue/names.js';
import { guardWorker } from '../queue/worker-guard.js';
import type { RedisClient } from '../redis/client.js';
import type { DeliveryStore, DigestBuffer, SilenceStore } from '../store/index.js';
import { type FlushJobData, flushJob } from './flush-jobs.js';
import type { DeliveryPolicy } from './retry-policy.js';
import type { Destinations } from './router.js';
import { silenceOf } from './silences.js';

export interface RouteWorkerDeps {
  route: (event: DashwatchEvent) => Destinations;
  delivery: DeliveryStore;
  digests: DigestBuffer;
  silences: SilenceStore;
  deliverQueue: Queue<FlushJobData>;
  /** Each channel's batching window. */
  groupWaitMs: (channel: string) => number;
  logger: Logger;
  policy: DeliveryPolicy;
  onRouted?: (event: DashwatchEvent, destinations: Destinations) => void;
  /** Adds context before the event is queued anywhere (a failed fine-tune's log, see failure-log.ts). */
  enrich?: (event: DashwatchEvent) => Promise<DashwatchEvent>;
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
      const destinations = deps.route(job.data);
      // Only events going somewhere are worth a request; a retried job may read again, but the
      // buffers keep the first copy (an event already queued is not queued again).
      const event =
        deps.enrich && destinations.channels.length + destinations.digests.length > 0
          ? await deps.enrich(job.data)
          : job.data;
      for (const channel of destinations.channels) {
        await deps.delivery.enqueue(channel, event);
        // Always (re)arm the flush: it is deduplicated per channel, and an event queued by a process
        // that died before arming it must not wait for the next one.
        await deps.deliverQueue.add('flush', { channel }, flushJob(channel, deps.groupWaitMs(channel)));
      }
      if (destinations.digests.length > 0) {
        // Silenced news still reaches digests, marked, so that nothing disappears without a trace.
        const silence = isJobEvent(event) ? silenceOf(event, await deps.silences.active()) : undefined;
        const copy = silence === undefined ? event : { ...event, silenced: silence.id };
        for (const digest of destinations.digests) await deps.digests.add(digest, copy);
      }
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
