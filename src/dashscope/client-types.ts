import type { Logger } from '../core/logger.js';
import type { Page } from './paging.js';
import type { ApiResult } from './response.js';
import type { RetryPolicy, Sleep } from './retry.js';
import type {
  CompressionListQuery,
  FineTuneListQuery,
  ImportListQuery,
  RawCheckpointList,
  RawCompressionJob,
  RawCompressionList,
  RawFineTuneJob,
  RawFineTuneList,
  RawImportJob,
  RawImportList,
} from './types.js';

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
  /** Jitter source, for deterministic tests. */
  random?: () => number;
  /** Wait between retries, for tests that should not wait. */
  sleep?: Sleep;
}

/** The paged job lists, by job kind: query, item and `output` types. */
export interface ListKinds {
  fine_tune: { query: FineTuneListQuery; item: RawFineTuneJob; output: RawFineTuneList };
  model_import: { query: ImportListQuery; item: RawImportJob; output: RawImportList };
  compression: { query: CompressionListQuery; item: RawCompressionJob; output: RawCompressionList };
}
export type ListKind = keyof ListKinds;

/**
 * A DashScope API client for one account (key + host + workspace). Every call retries 429, 5xx,
 * network errors and timeouts within the retry budget and otherwise throws `DashScopeError`.
 * Results are `{ output, requestId }` with `output` exactly as the API sent it, checked for shape.
 */
export interface DashScopeClient {
  /** The base URL calls go to, `<origin>/api/v1`. */
  readonly endpoint: string;
  /** HTTP attempts made so far, retries included; monotonic. */
  readonly requestCount: number;
  listFineTunes(query?: FineTuneListQuery, signal?: AbortSignal): Promise<ApiResult<RawFineTuneList>>;
  getFineTune(jobId: string, signal?: AbortSignal): Promise<ApiResult<RawFineTuneJob>>;
  listImports(query?: ImportListQuery, signal?: AbortSignal): Promise<ApiResult<RawImportList>>;
  getImport(jobId: string, signal?: AbortSignal): Promise<ApiResult<RawImportJob>>;
  listCompressions(
    query?: CompressionListQuery,
    signal?: AbortSignal,
  ): Promise<ApiResult<RawCompressionList>>;
  getCompression(jobId: string, signal?: AbortSignal): Promise<ApiResult<RawCompressionJob>>;
  /** Checkpoints of one fine-tune (a bare array, unpaged). */
  listCheckpoints(jobId: string, signal?: AbortSignal): Promise<ApiResult<RawCheckpointList>>;
  /** One page of the list of `kind`. */
  list<K extends ListKind>(
    kind: K,
    query?: ListKinds[K]['query'],
    signal?: AbortSignal,
  ): Promise<ApiResult<ListKinds[K]['output']>>;
  /**
   * Pages of the list of `kind` (page_size 100 unless the query sets it) until `total` items are
   * read or a page is empty; throws `BadResponse` if paging does not converge.
   */
  pages<K extends ListKind>(
    kind: K,
    query?: ListKinds[K]['query'],
    signal?: AbortSignal,
  ): AsyncGenerator<Page<ListKinds[K]['item']>, void, undefined>;
  /** Closes the pooled connections; later calls fail with code `Aborted`. */
  close(): Promise<void>;
}
