import { isTerminal, type JobKind } from '../../../core/types.js';
import { normalizeStatus } from '../../../kinds/normalize/status.js';
import { KINDS } from '../../../kinds/registry.js';
import { invalidParameter, notFound } from '../errors.js';
import type { JobStore } from '../job-store.js';
import type { SimJob } from '../model.js';
import type { SimStateView } from './part.js';

/** True when a raw status ends a job of `kind` (it gets an end time). */
export function endsJob(kind: JobKind, rawStatus: string): boolean {
  return isTerminal(normalizeStatus(rawStatus, KINDS[kind].spellings));
}

/** A job's detail, or the 404 the API answers for an unknown id. */
export function detailOf(state: SimStateView, kind: JobKind, id: string | undefined): unknown {
  const job = id === undefined ? undefined : state.stores.get(kind)?.get(id);
  if (job === undefined) throw notFound();
  return state.render(job, true);
}

/** `page_no` and `page_size` as the API checks them. */
export function paging(q: Record<string, string>): { pageNo: number; pageSize: number } {
  const pageNo = intParam(q.page_no, 1);
  if (pageNo === undefined || pageNo < 1)
    throw invalidParameter('Invalid page_no, it must be an integer >= 1.');
  const pageSize = intParam(q.page_size, 10);
  if (pageSize === undefined || pageSize < 1 || pageSize > 100) {
    throw invalidParameter('Invalid page_size, it must be an integer between 1 and 100.');
  }
  return { pageNo, pageSize };
}

function intParam(raw: string | undefined, fallback: number): number | undefined {
  if (raw === undefined) return fallback;
  return /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

/** The store of a list kind (every list kind has one). */
export function storeOf(state: SimStateView, kind: JobKind): JobStore {
  const store = state.stores.get(kind);
  if (store === undefined) throw notFound();
  return store;
}

/** Sets the fields every terminal status shares and clears the ones the next status may not have. */
export function clearOutcome(job: SimJob): void {
  delete job.output;
  delete job.usage;
  delete job.endMs;
}
