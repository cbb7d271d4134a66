import type { JobRecord, JobStatus, WatchRef } from '../core/types.js';
import { isTerminal } from '../core/types.js';

/** One job as the snapshot remembers it: what `status`, digests and pollers may read. */
export interface TrackedJob {
  status: JobStatus;
  /** As the API spelled it. */
  rawStatus: string;
  /** ISO: when the current status began. */
  since: string;
  /** ISO: the last change dashwatch recorded. */
  lastChange: string;
  name?: string;
  model?: string;
  /** The deployable model id. */
  output?: string;
  createdAt?: string;
  /** Checkpoints. */
  expiresAt?: string;
  /** Checkpoints: their fine-tune. */
  parentId?: string;
}

/** A tracked job plus the diff's own bookkeeping; only the store and the diff read the extras. */
export interface SnapEntry extends TrackedJob {
  /** Consecutive complete listings without the job. */
  misses?: number;
  /** Stuck announced this stint. */
  stuckAnnounced?: true;
  /** Expiry handled: announced, or passed before it could be. */
  expiryHandled?: true;
}

// The storage format: compact JSON in a Redis hash field. Nothing outside this file reads it.
const CODE = {
  status: 's',
  rawStatus: 'r',
  since: 'since',
  lastChange: 'chg',
  name: 'n',
  model: 'm',
  output: 'o',
  createdAt: 'c',
  expiresAt: 'x',
  parentId: 'p',
  misses: 'miss',
  stuckAnnounced: 'stuck',
  expiryHandled: 'exp',
} as const satisfies Record<keyof SnapEntry, string>;
const FIELDS = Object.keys(CODE) as (keyof SnapEntry)[];
const FLAGS = new Set<keyof SnapEntry>(['stuckAnnounced', 'expiryHandled']);

/** The entry as stored. */
export function encodeEntry(entry: SnapEntry): string {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = entry[field];
    if (value !== undefined) out[CODE[field]] = FLAGS.has(field) ? 1 : value;
  }
  return JSON.stringify(out);
}

/** An entry the store wrote. */
export function decodeEntry(json: string): SnapEntry {
  const stored = JSON.parse(json) as Record<string, unknown>;
  const entry: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = stored[CODE[field]];
    if (value !== undefined) entry[field] = FLAGS.has(field) ? true : value;
  }
  return entry as unknown as SnapEntry;
}

/**
 * The entry for `record` whose status began at `since`. Optional fields the record lacks are kept
 * from `previous`: a detail or list response that omits one has not erased it.
 */
export function entryFromRecord(
  record: JobRecord,
  since: string,
  lastChange: string,
  previous?: SnapEntry,
): SnapEntry {
  const entry: SnapEntry = { status: record.status, rawStatus: record.rawStatus, since, lastChange };
  const optional = {
    name: record.name ?? previous?.name,
    model: record.model ?? previous?.model,
    output: record.output ?? previous?.output,
    createdAt: record.createdAt ?? previous?.createdAt,
    expiresAt: record.expiresAt ?? previous?.expiresAt,
    parentId: record.parentId ?? previous?.parentId,
  };
  for (const [key, value] of Object.entries(optional) as [keyof typeof optional, string | undefined][]) {
    if (value !== undefined) entry[key] = value;
  }
  return entry;
}

/** The record a tracked job stands for, to describe a job not seen this cycle (`removed`, `stuck`, …). */
export function recordFromEntry(entry: TrackedJob, id: string, watch: WatchRef): JobRecord {
  return {
    kind: watch.kind,
    account: watch.account,
    id,
    status: entry.status,
    rawStatus: entry.rawStatus,
    ...(entry.name !== undefined && { name: entry.name }),
    ...(entry.model !== undefined && { model: entry.model }),
    ...(entry.output !== undefined && { output: entry.output }),
    ...(entry.createdAt !== undefined && { createdAt: entry.createdAt }),
    ...(entry.parentId !== undefined && { parentId: entry.parentId }),
    ...(entry.expiresAt !== undefined && { expiresAt: entry.expiresAt }),
  };
}

/** True when a checkpoint's expiry is still ahead and not yet handled. */
export function expiryPending(entry: SnapEntry, now: Date): boolean {
  return (
    entry.parentId !== undefined &&
    entry.status === 'SUCCEEDED' &&
    entry.expiresAt !== undefined &&
    entry.expiryHandled === undefined &&
    Date.parse(entry.expiresAt) > now.getTime()
  );
}

/**
 * Hot entries are the only ones an incremental cycle needs: live jobs, and succeeded checkpoints whose
 * expiry is still to be announced.
 */
export function isHot(entry: SnapEntry, now: Date): boolean {
  return !isTerminal(entry.status) || expiryPending(entry, now);
}

/** True when the diff announced the job stuck in the status it is in now. */
export function isStuck(entry: SnapEntry): boolean {
  return entry.stuckAnnounced === true && !isTerminal(entry.status);
}

/** True when two entries would be stored the same, so an unchanged job costs no write. */
export function sameEntry(a: SnapEntry, b: SnapEntry): boolean {
  return FIELDS.every((field) => a[field] === b[field]);
}
