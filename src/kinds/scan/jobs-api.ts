import type { ListEndpoint, Query } from '../../dashscope/index.js';

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
  list(endpoint: ListEndpoint, query: Query, signal: AbortSignal): Promise<ListPage>;
  /** A job's raw detail, or null when the API answers 404 NotFound. */
  detail(path: string, signal: AbortSignal): Promise<unknown | null>;
  /** A bare-array endpoint (a fine-tune's checkpoints), or null when its parent is unknown (404). */
  array(path: string, signal: AbortSignal): Promise<unknown[] | null>;
  /** HTTP attempts made so far, retries included. */
  readonly requestCount: number;
}
