import type { DashwatchEvent, WatchEvent, WatchRef } from '../core/types.js';
import type { RedisClient } from '../redis/client.js';
import type { ReplicaWait } from '../redis/replica-wait.js';
import { scanKeys } from '../redis/scan.js';
import { ChangeLog } from './change-log.js';
import {
  changeLogKey,
  DEFAULT_PREFIX,
  metaKeyPattern,
  STORE_META_FIELDS,
  silencedChangesKey,
  type WatchKeys,
  watchIdOfMetaKey,
  watchKeys,
} from './keys.js';
import { pipelinedScripts } from './lua/define-scripts.js';
import { decodeEntry, encodeEntry, isHot, type SnapEntry } from './snapshot-entry.js';
import { type StoreCommands, storeCommands } from './store-commands.js';
import { StoreError } from './store-error.js';
import { type CycleError, outboxJson, raisedEvent, watchEventTemplate, withEpisode } from './watch-events.js';

/** How a watch is doing, as its failures and commits left it. */
export interface WatchHealthState {
  /** `watch_failing` was raised and no good cycle has cleared it. */
  failing: boolean;
  /** Consecutive failed cycles. */
  failures: number;
  /** ISO: when a cycle of the watch last committed. */
  lastOkAt?: string;
  /** What the last failed cycle reported (kept after a recovery: read it with `failures`). */
  lastError?: CycleError;
}

/** What an incremental cycle starts from: the fence, the poller's notes and the hot entries. */
export interface SnapshotView {
  version: number;
  baselineDone: boolean;
  /** The poller's own notes from the last commit (totals, last full scan, …). */
  notes: Record<string, string>;
  hot: Map<string, SnapEntry>;
  /** Events committed but not yet forwarded (a process died in between). */
  outboxPending: number;
  health: WatchHealthState;
}

/** One cycle's result, applied atomically or not at all. */
export interface Commit {
  /** The watch, to describe it in a `watch_recovered` event this commit may raise. */
  watch: WatchRef;
  /** The `version` of the view the diff was computed from. */
  baseVersion: number;
  /** From `beginFetch`, taken before the fetch started. */
  token: number;
  upserts: ReadonlyMap<string, SnapEntry>;
  deletes: readonly string[];
  /** The poller's notes, kept for its next cycle (the store's own field names are refused). */
  notes?: Record<string, string>;
  events: readonly DashwatchEvent[];
  /** The cycle's clock: decides which upserts are hot and dates `watch_recovered`. Default: now. */
  now?: Date;
}

/** A failed cycle, as `recordFailure` needs it. */
export interface FailureReport {
  watch: WatchRef;
  error: CycleError;
  /** Raise at once (401/403: retrying will not help). */
  immediate: boolean;
  /** Consecutive failures that raise `watch_failing`. */
  threshold: number;
  now: Date;
}

const SCAN_COUNT = 2000;

/** Snapshots, fences, the outbox and the health of each watch, in Redis. */
export class SnapshotStore {
  private readonly commands: StoreCommands;
  /** Every event forwarded from an outbox, for a day. */
  readonly changes: ChangeLog;

  /**
   * `replicaWait`: commits wait for a replica to have them (see ReplicaWait), so a failover cannot
   * take back a commit whose events were already forwarded.
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix = DEFAULT_PREFIX,
    private readonly replicaWait?: ReplicaWait,
  ) {
    this.commands = storeCommands(redis);
    this.changes = new ChangeLog(redis, prefix);
  }

  /** A fence token, taken before the fetch starts: a later fetch always holds a larger one. */
  beginFetch(watchId: string): Promise<number> {
    return this.redis.incr(this.keys(watchId).fetch);
  }

  /** Meta and hot entries in one round trip. */
  async loadView(watchId: string): Promise<SnapshotView> {
    return (await this.load(watchId, false)).view;
  }

  /** A fence token and the view a cycle starts from, in one round trip (`beginFetch` + `loadView`). */
  beginCycle(watchId: string): Promise<{ token: number; view: SnapshotView }> {
    return this.load(watchId, true);
  }

  private async load(watchId: string, takeToken: boolean): Promise<{ token: number; view: SnapshotView }> {
    const k = this.keys(watchId);
    const [metaFlat, entriesFlat, token, outboxPending] = await this.commands.dashwatchLoadView(
      k.meta,
      k.hot,
      k.snap,
      k.fetch,
      k.outbox,
      takeToken ? '1' : '0',
    );
    const meta = pairs(metaFlat, (value) => value);
    const lastOkAt = meta.get('lastOkAt');
    const lastError = meta.get('lastError');
    const view: SnapshotView = {
      version: Number(meta.get('version') ?? 0),
      baselineDone: meta.get('baseline') === '1',
      notes: Object.fromEntries([...meta].filter(([field]) => !STORE_META_FIELDS.has(field))),
      hot: pairs(entriesFlat, decodeEntry),
      outboxPending: Number(outboxPending),
      health: {
        failing: meta.get('failing') === '1',
        failures: Number(meta.get('failures') ?? 0),
        ...(lastOkAt === undefined ? {} : { lastOkAt }),
        ...(lastError === undefined ? {} : { lastError: JSON.parse(lastError) as CycleError }),
      },
    };
    return { token: Number(token), view };
  }

  /** The health of many watches in one round trip (`/readyz` asks for every watch at once). */
  async healthOf(watchIds: readonly string[]): Promise<Map<string, WatchHealthState>> {
    // One command each, sent together: on a Cluster the watches live in different slots, which one
    // pipeline cannot span.
    const replies = await Promise.all(
      watchIds.map((id) =>
        this.redis.hmget(this.keys(id).meta, 'failing', 'failures', 'lastOkAt', 'lastError'),
      ),
    );
    const health = new Map<string, WatchHealthState>();
    watchIds.forEach((id, i) => {
      const [failing, failures, lastOkAt, lastError] = replies[i] ?? [];
      health.set(id, {
        failing: failing === '1',
        failures: Number(failures ?? 0),
        ...(lastOkAt == null ? {} : { lastOkAt }),
        ...(lastError == null ? {} : { lastError: JSON.parse(lastError) as CycleError }),
      });
    });
    return health;
  }

  /**
   * Values that change whenever what the status report reads of a watch changes (its commit version
   * and failure count), and whenever the change log does (its size and newest entry, and those of
   * its silence marks). One round trip.
   */
  async stamps(watchIds: readonly string[]): Promise<{ watches: Map<string, string>; changes: string }> {
    // One command each, sent together: on a Cluster the watches and the change log live in different
    // slots, which one pipeline cannot span.
    const key = changeLogKey(this.prefix);
    const marks = silencedChangesKey(this.prefix);
    const [metas, size, newest, silenced, newestMark] = await Promise.all([
      Promise.all(
        watchIds.map((id) => this.redis.hmget(this.keys(id).meta, 'version', 'failures', 'failing')),
      ),
      this.redis.zcard(key),
      this.redis.zrange(key, -1, -1, 'WITHSCORES'),
      this.redis.zcard(marks),
      this.redis.zrange(marks, -1, -1, 'WITHSCORES'),
    ]);
    const watches = new Map(watchIds.map((id, i) => [id, JSON.stringify(metas[i] ?? [])]));
    return {
      watches,
      changes: [size, newest, silenced, newestMark].map((part) => JSON.stringify(part)).join(),
    };
  }

  /** The entries of `ids` that exist, in one round trip. */
  async loadEntries(watchId: string, ids: readonly string[]): Promise<Map<string, SnapEntry>> {
    const entries = new Map<string, SnapEntry>();
    if (ids.length === 0) return entries;
    const values = await this.redis.hmget(this.keys(watchId).snap, ...ids);
    ids.forEach((id, i) => {
      const value = values[i];
      if (value != null) entries.set(id, decodeEntry(value));
    });
    return entries;
  }

  /**
   * Every entry, by HSCAN so a large snapshot never blocks Redis. Not a point-in-time read: a commit
   * landing meanwhile bumps the version, so the commit computed from this read comes back 'stale'.
   */
  async loadAll(watchId: string): Promise<Map<string, SnapEntry>> {
    const entries = new Map<string, SnapEntry>();
    await this.scanEntries(watchId, (id, entry) => entries.set(id, entry));
    return entries;
  }

  /**
   * Every entry, handed to `visit` a scan page at a time, so a reader that keeps a few of them (the
   * status report) never holds the whole snapshot. Not a point-in-time read, as `loadAll`.
   */
  async scanEntries(watchId: string, visit: (id: string, entry: SnapEntry) => void): Promise<void> {
    const key = this.keys(watchId).snap;
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(key, cursor, 'COUNT', SCAN_COUNT);
      for (let i = 0; i + 1 < flat.length; i += 2)
        visit(flat[i] as string, decodeEntry(flat[i + 1] as string));
      cursor = next;
    } while (cursor !== '0');
  }

  /**
   * Applies the cycle atomically with its events, in one script, if the snapshot is still the one the
   * diff read (`baseVersion`) and no later fetch has committed (`token`); else writes nothing.
   */
  async commit(watchId: string, c: Commit): Promise<'committed' | 'stale'> {
    const k = this.keys(watchId);
    const now = c.now ?? new Date();
    const owned = Object.keys(c.notes ?? {}).filter((field) => STORE_META_FIELDS.has(field));
    if (owned.length > 0)
      throw new StoreError(`poller notes may not use the store's own fields: ${owned.join(', ')}`);
    const upserts: string[] = [];
    const hot: string[] = [];
    const cool: string[] = [...c.deletes];
    for (const [id, entry] of c.upserts) {
      upserts.push(id, encodeEntry(entry));
      (isHot(entry, now) ? hot : cool).push(id);
    }
    const fixed = [
      String(c.baseVersion),
      String(c.token),
      JSON.stringify(upserts),
      JSON.stringify(hot),
      JSON.stringify(cool),
      JSON.stringify(c.deletes),
      JSON.stringify(Object.entries(c.notes ?? {}).flat()),
      JSON.stringify(c.events.map(outboxJson)),
    ];
    const reply = await withEpisode((episode) => {
      const template = watchEventTemplate('watch_recovered', watchId, c.watch, episode, now);
      const args = [...fixed, template, episode, now.toISOString()];
      if (this.replicaWait === undefined)
        return this.commands.dashwatchCommit(k.snap, k.hot, k.meta, k.outbox, ...args);
      return this.replicaWait.write<string[]>(k.meta, (pipeline) => {
        pipelinedScripts<StoreCommands>(pipeline).dashwatchCommit(k.snap, k.hot, k.meta, k.outbox, ...args);
      });
    });
    return reply[0] === 'committed' ? 'committed' : 'stale';
  }

  /** Up to `max` committed events not yet acknowledged, oldest first. */
  async readOutbox(watchId: string, max = 100): Promise<DashwatchEvent[]> {
    const items = await this.redis.lrange(this.keys(watchId).outbox, 0, max - 1);
    return items.map((item) => JSON.parse(item) as DashwatchEvent);
  }

  /**
   * Removes acknowledged events from the head of the outbox, recording them in the change log first
   * (a replay records an event once). Takes the events (not a count) so that two forwarders
   * acknowledging the same batch cannot trim events neither has forwarded.
   */
  async ackOutbox(watchId: string, acked: readonly DashwatchEvent[]): Promise<void> {
    if (acked.length === 0) return;
    await this.changes.record(acked);
    await this.commands.dashwatchAckOutbox(this.keys(watchId).outbox, JSON.stringify(acked.map((e) => e.id)));
  }

  /** Counts a failed cycle; returns the `watch_failing` event if this call raised it (at most once). */
  async recordFailure(watchId: string, f: FailureReport): Promise<WatchEvent | null> {
    const k = this.keys(watchId);
    const reply = await withEpisode((episode) => {
      const template = watchEventTemplate('watch_failing', watchId, f.watch, episode, f.now, f.error);
      const { code, message, httpStatus } = f.error;
      const error = JSON.stringify({ code, message, ...(httpStatus === undefined ? {} : { httpStatus }) });
      const args = [f.immediate ? '1' : '0', String(f.threshold), template, episode, error];
      return this.commands.dashwatchRecordFailure(k.meta, k.outbox, ...args);
    });
    return reply[0] === 'raised' ? raisedEvent(reply, 1) : null;
  }

  /**
   * For a good cycle whose commit was 'stale' (another process committed it): resets the failure count
   * and returns `watch_recovered` if this call raised it (at most once per episode).
   */
  async recordSuccess(watchId: string, watch: WatchRef, now: Date): Promise<WatchEvent | null> {
    const k = this.keys(watchId);
    const reply = await withEpisode((episode) => {
      const template = watchEventTemplate('watch_recovered', watchId, watch, episode, now);
      return this.commands.dashwatchRecordSuccess(k.meta, k.outbox, template, episode);
    });
    return reply[0] === 'raised' ? raisedEvent(reply, 1) : null;
  }

  /** Ids of the watches with stored state (a snapshot or a failure count). */
  async watchIds(): Promise<string[]> {
    const ids = new Set<string>();
    for await (const { keys } of scanKeys(this.redis, metaKeyPattern(this.prefix))) {
      for (const key of keys) {
        const id = watchIdOfMetaKey(this.prefix, key);
        if (id !== undefined) ids.add(id);
      }
    }
    return [...ids].sort();
  }

  /** Forgets a watch entirely (removed from config). */
  async deleteWatch(watchId: string): Promise<void> {
    await this.redis.unlink(...Object.values(this.keys(watchId)));
  }

  private keys(watchId: string): WatchKeys {
    return watchKeys(this.prefix, watchId);
  }
}

/** A flat [key, value, …] reply as a map. */
function pairs<T>(flat: readonly string[], parse: (value: string) => T): Map<string, T> {
  const map = new Map<string, T>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(flat[i] as string, parse(flat[i + 1] as string));
  return map;
}
