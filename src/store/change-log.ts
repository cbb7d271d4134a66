import {
  type DashwatchEvent,
  isJobEvent,
  isSystemEvent,
  type JobKind,
  type JobStatus,
} from '../core/types.js';
import { watchId } from '../core/watch.js';
import type { RedisClient } from '../redis/client.js';
import { changeLogKey, DEFAULT_PREFIX, silencedChangesKey } from './keys.js';

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
  /** The silence that kept it from a chat or mail channel, when one did. */
  silenced?: string;
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
} as const satisfies Record<Exclude<keyof Change, 'silenced'>, string>;
const FIELDS = Object.keys(CODE) as (keyof typeof CODE)[];

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

function decode(json: string, silences: ReadonlyMap<string, string>): Change {
  const stored = JSON.parse(json) as Record<string, string>;
  const change: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = stored[CODE[field]];
    if (value !== undefined) change[field] = value;
  }
  const silence = change.id === undefined ? undefined : silences.get(change.id);
  if (silence !== undefined) change.silenced = silence;
  return change as unknown as Change;
}

/**
 * The last day of events, newest last, for the status page: a sorted set by detection time, trimmed
 * on every write to `keepMs` and to `max` entries. Written as events leave a watch's outbox, so it
 * holds what was committed, once each. Which of them a silence kept from a chat or mail channel is
 * learnt later, as each batch is sent: a second sorted set of (event id, silence id), trimmed alike.
 */
export class ChangeLog {
  private readonly key: string;
  private readonly silencedKey: string;

  constructor(
    private readonly redis: RedisClient,
    prefix = DEFAULT_PREFIX,
    private readonly limits = { keepMs: CHANGE_LOG_KEEP_MS, max: CHANGE_LOG_MAX },
  ) {
    this.key = changeLogKey(prefix);
    this.silencedKey = silencedChangesKey(prefix);
  }

  /** Records `events` and drops what is older than the window or beyond the cap. */
  async record(events: readonly DashwatchEvent[], now = Date.now()): Promise<void> {
    const scored: (string | number)[] = [];
    for (const event of events) {
      const at = Date.parse(event.detectedAt);
      scored.push(Number.isFinite(at) ? at : now, encode(changeOf(event)));
    }
    await this.addTrimmed(this.key, scored, now);
  }

  /** Notes which silence kept each event of `marks` ([event id, silence id]) from a chat or mail channel. */
  async markSilenced(marks: readonly (readonly [string, string])[], now = Date.now()): Promise<void> {
    const scored = marks.flatMap((mark) => [now, JSON.stringify(mark)]);
    await this.addTrimmed(this.silencedKey, scored, now);
  }

  /** Adds (score, member) pairs to `key` and drops what is older than the window or beyond the cap. */
  private async addTrimmed(key: string, scored: readonly (string | number)[], now: number): Promise<void> {
    if (scored.length === 0) return;
    await this.redis
      .multi()
      .zadd(key, ...scored)
      .zremrangebyscore(key, '-inf', `(${now - this.limits.keepMs}`)
      // Ranks count from the oldest: everything but the newest `max`.
      .zremrangebyrank(key, 0, -(this.limits.max + 1))
      .exec();
  }

  /** The changes detected at or after `fromMs`, newest first, each with the silence that held it. */
  async since(fromMs: number): Promise<Change[]> {
    // Two keys, so two commands (one slot each on a Cluster). An event is sent after it is detected.
    const [members, marks] = await Promise.all([
      this.redis.zrevrangebyscore(this.key, '+inf', fromMs),
      this.redis.zrangebyscore(this.silencedKey, fromMs, '+inf'),
    ]);
    const silences = new Map(marks.map((mark) => JSON.parse(mark) as [string, string]));
    return members.map((member) => decode(member, silences));
  }
}
