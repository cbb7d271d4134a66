import type { Queue } from 'bullmq';
import type { DashwatchEvent } from '../core/types.js';
import { NOTIFY_JOB_OPTIONS } from '../queue/names.js';
import type { SnapshotStore } from '../store/index.js';

const BATCH = 500;

/**
 * Moves committed events from a watch's outbox to the notify queue. The job id is the event id, so
 * an event forwarded twice (a crash between add and ack, two processes) is one job.
 */
export async function forwardOutbox(
  store: SnapshotStore,
  notifyQueue: Queue,
  watchId: string,
  afterEnqueue?: () => Promise<void>,
): Promise<number> {
  let forwarded = 0;
  for (;;) {
    const events = await store.readOutbox(watchId, BATCH);
    if (events.length === 0) return forwarded;
    await notifyQueue.addBulk(events.map(toJob));
    await afterEnqueue?.();
    await store.ackOutbox(watchId, events);
    forwarded += events.length;
  }
}

function toJob(event: DashwatchEvent) {
  return { name: event.type, data: event, opts: { ...NOTIFY_JOB_OPTIONS, jobId: event.id } };
}
