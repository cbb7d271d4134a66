import { createHash } from 'node:crypto';
import { neutralize } from '../../core/neutralize.js';
import type { JobKind, JobRecord, JobStatus } from '../../core/types.js';
import { normalizeStatus } from './status.js';

/** What a normalizer needs besides the raw item: whose job it is and how to read zoneless times. */
export interface NormalizeContext {
  account: string;
  /** IANA zone for the API's zoneless timestamps. */
  timeZone: string;
  /** The kind's status spellings (filled in by `normalizeItems` from the kind's descriptor). */
  spellings: Readonly<Record<string, JobStatus>>;
}

/** API text is bounded: names, ids and model ids at 256 characters, error text at 4 KB. */
export const TEXT_MAX = 256;
export const ERROR_TEXT_MAX = 4096;
const RAW_STATUS_MAX = 64;

/**
 * A non-empty string, else undefined (the API uses null, '' and absence alike for "not set"), made
 * safe to keep and to show: characters that reorder or hide text (bidi overrides and isolates,
 * zero-width characters) removed, so `gpt<RLO>gnp.exe` cannot pose as another name, and text past
 * `max` cut with a visible mark, so one enormous field cannot flood a message or the heap.
 */
export function text(value: unknown, max = TEXT_MAX): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  // Cut before cleaning: a 10 MB name is never scanned whole.
  return capped(neutralize(value.length > max * 2 ? value.slice(0, max * 2) : value), max, value.length);
}

/**
 * A job id: kept exactly (it is sent back to the API) unless it is absurdly long, then cut to a prefix
 * and a hash of the whole, so two long ids still differ.
 */
export function jobId(value: string): string;
export function jobId(value: unknown): string | undefined;
export function jobId(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (value.length <= TEXT_MAX) return value;
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 16);
  return `${safeSlice(value, TEXT_MAX - 18)}…#${hash}`;
}

function capped(value: string, max: number, originalLength: number): string {
  if (originalLength <= max && value.length <= max) return value;
  return `${safeSlice(value, max)} …[${(originalLength - max).toLocaleString('en-US')} more characters cut]`;
}

/** The first `length` UTF-16 units, never ending inside a surrogate pair. */
function safeSlice(value: string, length: number): string {
  const end = /[\uD800-\uDBFF]/.test(value.charAt(length - 1)) ? length - 1 : length;
  return value.slice(0, end);
}

/** A finite number from a number or numeric string: the API types numbers loosely (hyper_parameters sends "1.6e-5"). */
export function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** A plain object, else undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** An error only when the API says something: `{}` would read as a failure with no details. */
export function errorOf(code: unknown, message: unknown): JobRecord['error'] {
  const error = compact({ code: text(code), message: text(message, ERROR_TEXT_MAX) });
  return Object.keys(error).length > 0 ? error : undefined;
}

/** The fields every kind shares. */
export function baseRecord(kind: JobKind, id: string, rawStatus: string, ctx: NormalizeContext): JobRecord {
  return {
    kind,
    account: ctx.account,
    id: jobId(id),
    status: normalizeStatus(rawStatus, ctx.spellings),
    rawStatus: text(rawStatus, RAW_STATUS_MAX) ?? rawStatus,
  };
}

/** Drops undefined-valued keys, so records compare cleanly with toEqual and serialize compactly. */
export function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
