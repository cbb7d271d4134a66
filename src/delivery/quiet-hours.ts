import type { Queue } from 'bullmq';
import type { Logger } from '../core/logger.js';
import { quietWindow } from '../core/quiet-hours.js';
import { type DashwatchEvent, isJobEvent, isTerminal, type JobEvent } from '../core/types.js';
import type { Channel, DigestReport } from '../notifiers/index.js';
import type { DeliveryStore } from '../store/index.js';
import { buildDigestReport } from './digest-report.js';
import { type FlushJobData, releaseJob } from './flush-jobs.js';

/** What quiet hours need besides the channel. */
export interface QuietDeps {
  delivery: DeliveryStore;
  deliverQueue: Queue<FlushJobData>;
  /** The configuration's zone, for channels whose quiet hours name none. */
  timeZone: string;
  /** The clock (injected in tests). */
  now: () => number;
  logger: Logger;
}

/**
 * The events of a batch that go out now: all of them outside the channel's quiet hours; inside, only
 * those whose status the channel excepts. The others are held in Redis, and a release job is set for
 * the end of the quiet hours (see `heldSummary`).
 */
export async function outsideQuiet(
  name: string,
  channel: Channel,
  events: DashwatchEvent[],
  deps: QuietDeps,
): Promise<DashwatchEvent[]> {
  const quiet = channel.config.quietHours;
  if (quiet === undefined || events.length === 0) return events;
  const now = deps.now();
  const window = quietWindow(quiet, deps.timeZone, now);
  if (window === undefined) {
    // A retried batch whose events were held before the hours ended: they go in the summary only.
    const held = await deps.delivery.held(
      name,
      events.map((event) => event.id),
    );
    return held.size === 0 ? events : events.filter((event) => !held.has(event.id));
  }
  const urgent = (event: DashwatchEvent) =>
    isJobEvent(event) && quiet.except.includes(event.to ?? event.job.status);
  const held = events.filter((event) => !urgent(event));
  if (held.length > 0) {
    const waiting = await deps.delivery.hold(name, held);
    await deps.deliverQueue.add(
      'release',
      { channel: name, release: true },
      releaseJob(name, window.endsAt - now),
    );
    deps.logger.info(
      { channel: name, held: held.length, waiting, until: new Date(window.endsAt).toISOString() },
      'quiet hours: events held',
    );
  }
  return events.filter(urgent);
}

/**
 * What the channel held, as one summary (a digest of the quiet hours), or undefined when nothing was
 * held or the quiet hours are not over yet (the release job is set again for their end).
 */
export async function heldSummary(
  name: string,
  owner: string,
  channel: Channel,
  deps: QuietDeps,
): Promise<DigestReport | undefined> {
  const quiet = channel.config.quietHours;
  const now = deps.now();
  const window = quiet === undefined ? undefined : quietWindow(quiet, deps.timeZone, now);
  if (quiet !== undefined && window !== undefined) {
    // Woken early (a clock adjusted, a job retried): wait for the real end.
    await deps.deliverQueue.add(
      'release',
      { channel: name, release: true },
      releaseJob(name, window.endsAt - now),
    );
    return undefined;
  }
  // Held in a hash: back in the order they happened, so a retry renders the same summary.
  const events = (await deps.delivery.claimHeld(name, owner)).sort(
    (a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.id.localeCompare(b.id),
  );
  if (events.length === 0) return undefined;
  const start = Math.min(...events.map((event) => Date.parse(event.detectedAt)));
  const latest = new Map<string, JobEvent>();
  for (const event of events) if (isJobEvent(event)) latest.set(`${event.job.kind}:${event.job.id}`, event);
  const live = [...latest.values()]
    .filter((event) => event.type !== 'removed' && !isTerminal(event.job.status))
    .map((event) => ({ job: event.job, ageMs: Math.max(0, now - Date.parse(event.detectedAt)) }));
  const title = quiet === undefined ? 'quiet hours' : `quiet hours ${quiet.from}–${quiet.to}`;
  return buildDigestReport({
    name: title,
    timeZone: quiet?.timeZone ?? deps.timeZone,
    window: { start, end: now },
    events,
    live,
  });
}
