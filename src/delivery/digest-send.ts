import { UnrecoverableError } from 'bullmq';
import type { DigestConfig } from '../config/index.js';
import { linkedSignal } from '../core/deadline.js';
import { DashwatchError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Watch } from '../core/watch.js';
import type { Channel } from '../notifiers/index.js';
import type { DeliveryStore, DigestBuffer, SnapshotStore } from '../store/index.js';
import { buildDigestReport } from './digest-report.js';
import { liveJobs } from './live-jobs.js';
import { failureCode, shouldGiveUp } from './retry-policy.js';

/** What sending a digest needs, for the digest worker and `digest --now` alike. */
export interface DigestDeps {
  digests: Readonly<Record<string, DigestConfig>>;
  /** Every configured channel: a digest names the one it goes through. */
  channels: ReadonlyMap<string, Channel>;
  buffer: DigestBuffer;
  store: SnapshotStore;
  /** The destinations' shared rate gates: a digest takes its turn like any other message. */
  delivery: DeliveryStore;
  watches: readonly Watch[];
  timeZone: string;
  logger: Logger;
  /** Aborted when the process stops: a send in flight gives up at once (the digest is retried). */
  shutdown?: AbortSignal;
  onSent?: (digest: string, events: number) => void;
}

/** What sending one digest did. */
export type DigestOutcome = { sent: boolean; events: number } | { skipped: string };

/**
 * Sends `name`'s window: everything buffered since the last window sent. The window is fixed when
 * `owner` (a job id) first opens it and closed only after the message went out, so a retry resends the
 * same window and no window goes out twice. Throws while another owner is sending it.
 */
export async function sendDigest(
  deps: DigestDeps,
  name: string,
  owner: string,
  options: { force?: boolean; signal?: AbortSignal; scheduledAt?: number } = {},
): Promise<DigestOutcome> {
  const digest = deps.digests[name];
  const channel = digest === undefined ? undefined : deps.channels.get(digest.channel);
  if (digest === undefined || channel === undefined) return { skipped: name };
  const window = await deps.buffer.open(name, owner);
  if (window === null) {
    throw new DashwatchError(`digest "${name}" is being sent by another job; retrying`, {
      code: 'DigestBusy',
      retryable: true,
    });
  }
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
  const stop = linkedSignal(options.signal, deps.shutdown);
  const { signal } = stop;
  try {
    await channel.sendDigest(report, signal, {
      alreadySent: 0,
      beforeMessage: () => deps.delivery.passGate(channel.destination, channel.config.minInterval, signal),
      messageSent: async () => {
        if (channel.config.minInterval > 0)
          await deps.delivery.holdGate(channel.destination, channel.config.minInterval);
      },
    });
  } catch (error) {
    if (!shouldGiveUp(error)) throw error;
    // Refused for good (SMTP 5xx, a removed webhook): retrying for days would hold the window open and,
    // with it, every later digest. Give this window up with one error line, as a flush gives up a batch.
    await deps.buffer.close(name, owner);
    deps.logger.error(
      { digest: name, events: window.events.length, code: failureCode(error), err: error },
      'digest failed permanently; gave up on this window',
    );
    throw new UnrecoverableError((error as Error).message);
  } finally {
    stop.dispose();
  }
  await deps.buffer.close(name, owner);
  deps.logger.info({ digest: name, events: window.events.length }, 'digest sent');
  deps.onSent?.(name, window.events.length);
  return { sent: true, events: window.events.length };
}
