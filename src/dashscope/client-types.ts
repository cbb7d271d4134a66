import type { Dispatcher } from 'undici';
import type { Logger } from '../core/logger.js';
import type { Page } from './paging.js';
import type { ApiResult } from './response.js';
import type { RetryPolicy, Sleep } from './retry.js';

/** Options of `createDashScopeClient`. */
export interface DashScopeClientOptions {
  apiKey: string;
  /** A key of `REGIONS`; defaults to `cn-beijing`. Ignored when `baseUrl` is set. */
  region?: string;
  /** An origin, with or without `/api/v1` (workspace-dedicated hosts, the simulator). Wins over `region`. */
  baseUrl?: string;
  /** Sent as `X-DashScope-WorkSpace` when set. */
  workspace?: string;
  /** Per attempt, covering headers and body. Default 30 s. */
  timeoutMs?: number;
  /** Defaults: 5 attempts, 500 ms base, 30 s max delay, 120 s budget. */
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  /**
   * The connection pool to send through, shared by several clients; by default the client has its
   * own, closed by `close()`.
   */
  dispatcher?: Dispatcher;
  /** Jitter source, for deterministic tests. */
  random?: () => number;
  /** Wait between retries, for tests that should not wait. */
  sleep?: Sleep;
}

/** A paged list endpoint: its path under `/api/v1` and the key of its item array in `output`. */
export interface ListEndpoint {
  path: string;
  itemsKey: string;
}

/** Query parameters; unset values are left out. */
export type Query = Readonly<Record<string, string | number | undefined>>;

/** A list page's `output` as the API sent it: `total`, and the items under the endpoint's key. */
export type ListOutput = { total: number } & Record<string, unknown>;

/**
 * A DashScope API client for one account (key + host + workspace). Every GET retries 429, 5xx,
 * network errors and timeouts within the retry budget and otherwise throws `DashScopeError`.
 * Results are `{ output, requestId }` with `output` exactly as the API sent it, checked for shape.
 */
export interface DashScopeClient {
  /** The base URL calls go to, `<origin>/api/v1`. */
  readonly endpoint: string;
  /** HTTP attempts made so far, retries included; monotonic. */
  readonly requestCount: number;
  /** One page of a list endpoint (`output.total` and an array under `itemsKey` are checked). */
  list(endpoint: ListEndpoint, query?: Query, signal?: AbortSignal): Promise<ApiResult<ListOutput>>;
  /**
   * Pages of a list endpoint (page_size 100 unless the query sets it) until `total` items are read or
   * a page is empty; throws `BadResponse` if paging does not converge.
   */
  pages(
    endpoint: ListEndpoint,
    query?: Query,
    signal?: AbortSignal,
  ): AsyncGenerator<Page<unknown>, void, undefined>;
  /** One job's detail at `path` (an object with string `job_id` and `status` is checked). */
  detail<T>(path: string, signal?: AbortSignal): Promise<ApiResult<T>>;
  /** An endpoint whose `output` is a bare array (a fine-tune's checkpoints). */
  array<T>(path: string, signal?: AbortSignal): Promise<ApiResult<T[]>>;
  /** An endpoint whose `output` is an object of its own shape (a fine-tune's logs), checked by the caller. */
  object<T>(path: string, query?: Query, signal?: AbortSignal): Promise<ApiResult<T>>;
  /**
   * POSTs `body` as JSON (creating a job); `output` must be an object. Retried only on 429: after a
   * timeout or a 5xx the vendor may have created the job, and a second attempt would make another.
   */
  post<T>(path: string, body: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<ApiResult<T>>;
  /** Closes the pooled connections; later calls fail with code `Aborted`. */
  close(): Promise<void>;
}
