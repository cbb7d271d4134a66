import type { JobRecord, JobStatus, WatchRef } from '../core/types.js';
import { isTerminal } from '../core/types.js';

/** One job as the snapshot remembers it: compact JSON in a Redis hash field. */
export interface SnapEntry {
  s: JobStatus;
  /** Raw status, as the API spelled it. */
  r: string;
  /** ISO: when the current status began. */
  since: string;
  /** Name. */
  n?: string;
  /** Model. */
  m?: string;
  /** Output (deployable model) id. */
  o?: string;
  /** createdAt. */
  c?: string;
  /** expiresAt (checkpoints). */
  x?: string;
  /** parentId (checkpoints). */
  p?: string;
  /** Consecutive complete listings without the job. */
  miss?: number;
  /** Stuck announced this stint. */
  stuck?: 1;
  /** Expiry handled: announced, or passed before it could be. */
  exp?: 1;
  /** ISO of the last change we recorded, for `status` output. */
  chg: string;
}

const ENTRY_FIELDS = [
  's',
  'r',
  'since',
  'n',
  'm',
  'o',
  'c',
  'x',
  'p',
  'miss',
  'stuck',
  'exp',
  'chg',
] as const;

/**
 * The entry for `record` whose status began at `since`. Optional fields the record lacks are kept
 * from `previous`: a detail or list response that omits one has not erased it.
 */
export function entryFromRecord(
  record: JobRecord,
  since: string,
  chg: string,
  previous?: SnapEntry,
): SnapEntry {
  const entry: SnapEntry = { s: record.status, r: record.rawStatus, since, chg };
  const optional = {
    n: record.name ?? previous?.n,
    m: record.model ?? previous?.m,
    o: record.output ?? previous?.o,
    c: record.createdAt ?? previous?.c,
    x: record.expiresAt ?? previous?.x,
    p: record.parentId ?? previous?.p,
  };
  for (const [key, value] of Object.entries(optional) as [keyof typeof optional, string | undefined][]) {
    if (value !== undefined) entry[key] = value;
  }
  return entry;
}

/** The record an entry stands for, to describe a job not seen this cycle (`removed`, `stuck`, `expiring`). */
export function recordFromEntry(entry: SnapEntry, id: string, watch: WatchRef): JobRecord {
  return {
    kind: watch.kind,
    account: watch.account,
    id,
    status: entry.s,
    rawStatus: entry.r,
    ...(entry.n !== undefined && { name: entry.n }),
    ...(entry.m !== undefined && { model: entry.m }),
    ...(entry.o !== undefined && { output: entry.o }),
    ...(entry.c !== undefined && { createdAt: entry.c }),
    ...(entry.p !== undefined && { parentId: entry.p }),
    ...(entry.x !== undefined && { expiresAt: entry.x }),
  };
}

/** True when a checkpoint's expiry is still ahead and not yet handled. */
export function expiryPending(entry: SnapEntry, now: Date): boolean {
  return (
    entry.p !== undefined &&
    entry.s === 'SUCCEEDED' &&
    entry.x !== undefined &&
    entry.exp === undefined &&
    Date.parse(entry.x) > now.getTime()
  );
}

/**
 * Hot entries are the only ones an incremental cycle needs: live jobs, and succeeded checkpoints whose
 * expiry is still to be announced.
 */
export function isHot(entry: SnapEntry, now: Date): boolean {
  return !isTerminal(entry.s) || expiryPending(entry, now);
}

/** True when two entries would serialize to the same data, so an unchanged job costs no write. */
export function sameEntry(a: SnapEntry, b: SnapEntry): boolean {
  return ENTRY_FIELDS.every((field) => a[field] === b[field]);
}

/** Parses an entry the store wrote. */
export function parseEntry(json: string): SnapEntry {
  return JSON.parse(json) as SnapEntry;
}
