import { WATCH_DEFAULTS } from '../core/defaults.js';
import type { JobEvent, JobRecord, JobStatus, WatchRef } from '../core/types.js';
import { isTerminal } from '../core/types.js';
import { eventId } from './event-id.js';
import {
  entryFromRecord,
  expiryPending,
  recordFromEntry,
  type SnapEntry,
  sameEntry,
} from './snapshot-entry.js';

/** Thresholds for the time-based events. */
export interface DiffSettings {
  /** How long a live job may stay in one status before it is announced as stuck; absent: never (empty for kinds that cannot be stuck). */
  stuckAfterMs: Partial<Record<JobStatus, number>>;
  /** A succeeded checkpoint expiring within this window is announced once. */
  expiringWithinMs: number;
  /** On the baseline cycle, announce each live job as `created`. */
  notifyExisting: boolean;
}

export const DEFAULT_DIFF_SETTINGS: DiffSettings = {
  stuckAfterMs: WATCH_DEFAULTS.stuckAfterMs,
  expiringWithinMs: WATCH_DEFAULTS.expiringWithinMs,
  notifyExisting: WATCH_DEFAULTS.notifyExisting,
};

/** What one poll saw of one watch. */
export interface PollView {
  records: JobRecord[];
  /** Every job of the watch is in `records`, so an absent one may have been deleted. */
  complete: boolean;
  /** Ids a detail call answered 404. */
  notFound: string[];
}

/** Everything `diff` needs; it reads no clock and does no I/O. */
export interface DiffInput {
  watch: WatchRef;
  /** Complete views: every entry. Otherwise at least the hot ones and those of the ids in `records`. */
  previous: ReadonlyMap<string, SnapEntry>;
  baselineDone: boolean;
  /**
   * A re-baseline after Redis lost the snapshot, from what this process remembered of the watch at
   * `newSince` (in `previous`): a job not remembered is announced only if it was created after that
   * instant; older ones are recorded silently, as on a first baseline.
   */
  newSince?: string;
  result: PollView;
  now: Date;
  settings: DiffSettings;
}

/** The events to announce and the snapshot writes that go with them (committed together). */
export interface DiffOutput {
  events: JobEvent[];
  upserts: Map<string, SnapEntry>;
  deletes: string[];
}

/** Listings in a row without the job before it counts as removed: one may be a vendor hiccup. */
const MISSES_TO_REMOVE = 2;

/** Compares what a poll saw with the snapshot and says what changed. Pure: same input, same output. */
export function diff(input: DiffInput): DiffOutput {
  const { watch, previous, baselineDone, result, now, settings, newSince } = input;
  const isNews = (record: JobRecord) =>
    newSince === undefined || (record.createdAt !== undefined && record.createdAt > newSince);
  const out: DiffOutput = { events: [], upserts: new Map(), deletes: [] };
  const nowIso = now.toISOString();
  const notFound = new Set(result.notFound);
  const seen = new Set<string>();

  const emit = (
    type: JobEvent['type'],
    job: JobRecord,
    parts: string[],
    change?: Pick<JobEvent, 'from' | 'to' | 'since'>,
  ) => {
    const id = eventId([watch.account, watch.kind, job.id, type, ...parts]);
    out.events.push({ id, type, ...change, job, detectedAt: nowIso });
  };
  const save = (id: string, entry: SnapEntry, before: SnapEntry | undefined) => {
    if (before === undefined || !sameEntry(before, entry)) out.upserts.set(id, entry);
  };
  // Stuck and expiring are announced after the job's own change; on the baseline they are only noted.
  const checkTime = (entry: SnapEntry, job: JobRecord): SnapEntry => {
    const timed = { ...entry };
    const threshold = settings.stuckAfterMs[entry.status];
    const inStatus = now.getTime() - Date.parse(entry.since);
    if (
      !isTerminal(entry.status) &&
      threshold !== undefined &&
      entry.stuckAnnounced === undefined &&
      inStatus > threshold
    ) {
      timed.stuckAnnounced = true;
      if (baselineDone) emit('stuck', job, [entry.status, entry.since], { since: entry.since });
    }
    if (expiryPending(entry, now) && entry.expiresAt !== undefined) {
      if (Date.parse(entry.expiresAt) - now.getTime() <= settings.expiringWithinMs) {
        timed.expiryHandled = true;
        if (baselineDone) emit('expiring', job, [entry.expiresAt]);
      }
    } else if (
      entry.parentId !== undefined &&
      entry.status === 'SUCCEEDED' &&
      entry.expiresAt !== undefined &&
      !entry.expiryHandled
    ) {
      // Expired before any cycle saw it inside the window: nothing to announce, but it is no longer hot.
      timed.expiryHandled = true;
    }
    return timed;
  };

  for (const record of result.records) {
    if (notFound.has(record.id) || seen.has(record.id)) continue;
    seen.add(record.id);
    const before = previous.get(record.id);
    let entry: SnapEntry;
    if (!baselineDone || before === undefined) {
      entry = entryFromRecord(record, firstSince(record, nowIso), nowIso, before);
      if ((baselineDone && isNews(record)) || (settings.notifyExisting && !isTerminal(record.status))) {
        emit('created', record, [], { to: record.status });
      }
    } else if (before.status !== record.status) {
      emit('transition', record, [before.status, record.status, before.since], {
        from: before.status,
        to: record.status,
      });
      entry = entryFromRecord(record, changeSince(record, nowIso), nowIso, before);
      if (before.expiryHandled) entry.expiryHandled = true;
    } else {
      entry = entryFromRecord(record, before.since, before.lastChange, before);
      if (before.stuckAnnounced) entry.stuckAnnounced = true;
      if (before.expiryHandled) entry.expiryHandled = true;
    }
    save(record.id, checkTime(entry, record), before);
  }

  for (const id of notFound) {
    const before = previous.get(id);
    if (before === undefined) continue;
    if (baselineDone)
      emit('removed', recordFromEntry(before, id, watch), [before.createdAt ?? '', before.since]);
    out.deletes.push(id);
  }

  for (const [id, before] of previous) {
    if (seen.has(id) || notFound.has(id)) continue;
    let entry = before;
    if (result.complete) {
      const misses = (before.misses ?? 0) + 1;
      if (misses >= MISSES_TO_REMOVE) {
        if (baselineDone)
          emit('removed', recordFromEntry(before, id, watch), [before.createdAt ?? '', before.since]);
        out.deletes.push(id);
        continue;
      }
      entry = { ...before, misses };
    }
    save(id, checkTime(entry, recordFromEntry(entry, id, watch)), before);
  }
  return out;
}

/** When the status a job shows at first sight began, as best the record tells. */
function firstSince(record: JobRecord, nowIso: string): string {
  if (record.status === 'PENDING' || record.status === 'QUEUING') return record.createdAt ?? nowIso;
  if (record.status === 'RUNNING') return record.startedAt ?? nowIso;
  return nowIso;
}

/** When a status just changed to began: the API's start time for RUNNING, else the moment we noticed. */
function changeSince(record: JobRecord, nowIso: string): string {
  return record.status === 'RUNNING' && record.startedAt !== undefined ? record.startedAt : nowIso;
}
