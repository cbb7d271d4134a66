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

/** A non-empty string, else undefined: the API uses null, '' and absence alike for "not set". */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
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
  const error = compact({ code: text(code), message: text(message) });
  return Object.keys(error).length > 0 ? error : undefined;
}

/** The fields every kind shares. */
export function baseRecord(kind: JobKind, id: string, rawStatus: string, ctx: NormalizeContext): JobRecord {
  return { kind, account: ctx.account, id, status: normalizeStatus(rawStatus, ctx.spellings), rawStatus };
}

/** Drops undefined-valued keys, so records compare cleanly with toEqual and serialize compactly. */
export function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
