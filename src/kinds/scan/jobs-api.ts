import type { JobKind } from '../../core/types.js';

/** The kinds that have a paged list endpoint. */
export type ListKind = Exclude<JobKind, 'checkpoint'>;

/** One page of a list endpoint, items still raw. */
export interface ListPage {
  items: unknown[];
  total: number;
}

/**
 * What pollers need from DashScope. Narrower than the client so pollers can be read (and tested)
 * without HTTP concerns; every call throws on failure, never returns a partial answer.
 */
export interface JobsApi {
  list(kind: ListKind, query: Record<string, string | number>, signal: AbortSignal): Promise<ListPage>;
  /** The job's raw detail, or null when the API answers 404 NotFound. */
  detail(kind: ListKind, id: string, signal: AbortSignal): Promise<unknown | null>;
  /** Checkpoints of a fine-tune, or null when the fine-tune is unknown (404). */
  checkpoints(fineTuneId: string, signal: AbortSignal): Promise<unknown[] | null>;
  /** HTTP attempts made so far, retries included. */
  readonly requestCount: number;
}
