import {
  type DashwatchEvent,
  isJobEvent,
  isSystemEvent,
  type JobKind,
  type JobStatus,
} from '../core/types.js';
import { watchId } from '../core/watch.js';
import type { RedisClient } from '../redis/client.js';
import { changeLogKey, DEFAULT_PREFIX } from './keys.js';

/** How long the change log keeps an event: the status page's widest window. */
export const CHANGE_LOG_KEEP_MS = 86_400_000;
/** The most events the change log holds, whatever their age: a burst cannot grow it without bound. */
export const CHANGE_LOG_MAX = 20_000;

/** One event as the change log keeps it: what a person reading the history needs, nothing more. */
export interface Change {
  /** The event's id. */
  id: string;
  type: DashwatchEvent['type'];
  /** ISO: when dashwatch detected it. */
  at: string;
  /** The watch it came from (job and watch events). */
  watch?: string;
  account?: string;
  kind?: JobKind;
  jobId?: string;
  name?: string;
  model?: string;
  from?: JobStatus;
  to?: JobStatus;
  /** Watch and system events: what went wrong, free of secrets. */
  detail?: string;
}

// The storage format: compact JSON as a sorted-set member scored by the detection time. The id comes
// first and makes every member unique, so an event recorded twice (a replayed forward) is one entry.
const CODE = {
  id: 'i',
  type: 't',
  at: 'at',
  watch: 'w',
  account: 'a',
  kind: 'k',
  jobId: 'j',
  name: 'n',
  model: 'm',
  from: 'f',
  to: 's',
  detail: 'd',
} as const satisfies Record<keyof Change, string>;
const FIELDS = Object.keys(CODE) as (keyof Change)[];

/** The change an event stands for. */
export function changeOf(event: DashwatchEvent): Change {
  const change: Change = { id: event.id, type: event.type, at: event.detectedAt };
  if (isJobEvent(event)) {
    const { job } = event;
    Object.assign(change, {
      watch: watchId(job.account, job.kind),
      account: job.account,
      kind: job.kind,
      jobId: job.id,
      ...(job.name !== undefined && { name: job.name }),
      ...(job.model !== undefined && { model: job.model }),
      ...(event.from !== undefined && { from: event.from }),
      ...(event.to !== undefined && { to: event.to }),
    });
  } else if (isSystemEvent(event)) {
    change.detail = event.detail;
  } else {
    Object.assign(change, {
      watch: event.watch.id,
      account: event.watch.account,
      kind: event.watch.kind,
      ...(event.error !== undefined && { detail: `${event.error.code}: ${event.error.message}` }),
    });
  }
  return change;
}

function encode(change: Change): string {
  const out: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = change[field];
    if (value !== undefined) out[CODE[field]] = value;
  }
  return JSON.stringify(out);
}

function decode(json: string): Change {
  const stored = JSON.parse(json) as Record<string, string>;
  const change: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = stored[CODE[field]];
    if (value !== undefined) change[field] = value;
  }
  return change as unknown as Change;
}

/**
 * The last day of events, newest last, for the status page: a sorted set by detection time, trimmed
 * on every write to `keepMs` and to `max` entries. Written as events leave a watch's outbox, so it
 * holds what was committed, once each.
 */
export class ChangeLog {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix = DEFAULT_PREFIX,
    private readonly limits = { keepMs: CHANGE_LOG_KEEP_MS, max: CHANGE_LOG_MAX },
  ) {
    this.key = changeLogKey(prefix);
  }

  /** Records `events` and drops what is older than the window or beyond the cap. */
  async record(events: readonly DashwatchEvent[], now = Date.now()): Promise<void> {
    if (events.length === 0) return;
    const scored: (string | number)[] = [];
    for (const event of events) {
      const at = Date.parse(event.detectedAt);
      scored.push(Number.isFinite(at) ? at : now, encode(changeOf(event)));
    }
    await this.redis
      .multi()
      .zadd(this.key, ...scored)
      .zremrangebyscore(this.key, '-inf', `(${now - this.limits.keepMs}`)
      // Ranks count from the oldest: everything but the newest `max`.
      .zremrangebyrank(this.key, 0, -(this.limits.max + 1))
      .exec();
  }

  /** The changes detected at or after `fromMs`, newest first. */
  async since(fromMs: number): Promise<Change[]> {
    const members = await this.redis.zrevrangebyscore(this.key, '+inf', fromMs);
    return members.map(decode);
  }
}
