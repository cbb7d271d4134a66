import { Agent } from 'undici';
import { USER_AGENT } from '../core/version.js';
import type { DashScopeClient, DashScopeClientOptions, ListKind, ListKinds } from './client-types.js';
import { DashScopeConfigError } from './dashscope-config-error.js';
import { DashScopeError } from './dashscope-error.js';
import type { ErrorContext } from './error-mapping.js';
import { paginate } from './paging.js';
import { resolveBaseUrl } from './regions.js';
import { sendOnce } from './request.js';
import { type ApiResult, interpretResponse, type OutputCheck } from './response.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, realSleep, runWithRetry } from './retry.js';
import type { RawCheckpointList, RawCompressionJob, RawFineTuneJob, RawImportJob } from './types.js';
import { checkpointsProblem, jobProblem, listProblem } from './validate.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

const LISTS = {
  fine_tune: { path: '/fine-tunes', key: 'jobs' },
  model_import: { path: '/custom_models/import', key: 'list' },
  compression: { path: '/fine-tunes/compress/jobs', key: 'jobs' },
} as const satisfies Record<ListKind, { path: string; key: string }>;

/**
 * Creates a client with its own keep-alive connection pool (closed by `close()`).
 * Throws `DashScopeConfigError` for an empty key, an unknown region or a bad base URL.
 */
export function createDashScopeClient(options: DashScopeClientOptions): DashScopeClient {
  const { apiKey } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new DashScopeConfigError('DashScope apiKey is empty');
  }
  const baseUrl = resolveBaseUrl(options);
  const { origin, pathname: basePath } = new URL(baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...definedOnly(options.retry ?? {}) };
  const logger = options.logger?.child({ module: 'dashscope' });
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const agent = new Agent();
  const headers: Record<string, string> = {
    authorization: `Bearer ${apiKey}`,
    accept: 'application/json',
    'user-agent': USER_AGENT,
    ...(options.workspace ? { 'x-dashscope-workspace': options.workspace } : {}),
  };
  // Vendor messages and undici errors are echoed into errors; make sure the key never is.
  const scrub = (text: string) => text.split(apiKey).join('[redacted]');
  let requestCount = 0;
  let closed = false;

  function get<T>(path: string, query: object | undefined, check: OutputCheck, signal?: AbortSignal) {
    const fullPath = `${basePath}${path}${toSearch(query)}`;
    const endpoint = `GET ${fullPath}`;
    const attempt = async (n: number) => {
      const ctx: ErrorContext = { endpoint, attempt: n, scrub };
      if (closed) {
        const detail = 'client is closed';
        throw new DashScopeError({ code: 'Aborted', detail, endpoint, retryable: false, attempts: n });
      }
      requestCount++;
      const started = performance.now();
      const send = { dispatcher: agent, origin, path: fullPath, headers, timeoutMs };
      const res = await sendOnce(signal === undefined ? send : { ...send, signal }, ctx);
      const durationMs = Math.round(performance.now() - started);
      logger?.debug({ endpoint, httpStatus: res.status, attempt: n, durationMs }, 'dashscope response');
      return interpretResponse<T>(res, check, ctx);
    };
    return runWithRetry(attempt, policy, {
      endpoint,
      random,
      sleep,
      now: () => performance.now(),
      ...(logger === undefined ? {} : { logger }),
      ...(signal === undefined ? {} : { signal }),
    });
  }

  function list<K extends ListKind>(
    kind: K,
    query?: ListKinds[K]['query'],
    signal?: AbortSignal,
  ): Promise<ApiResult<ListKinds[K]['output']>> {
    const { path, key } = LISTS[kind];
    return get(path, query, (output) => listProblem(output, key), signal);
  }

  function detail<T>(kind: ListKind, jobId: string, signal?: AbortSignal): Promise<ApiResult<T>> {
    return get(`${LISTS[kind].path}/${encodeId(jobId)}`, undefined, (output) => jobProblem(output), signal);
  }

  async function* pages<K extends ListKind>(kind: K, query?: ListKinds[K]['query'], signal?: AbortSignal) {
    const { path, key } = LISTS[kind];
    const fetchPage = async (pageNo: number, pageSize: number) => {
      const { output, requestId } = await list(
        kind,
        { ...query, page_no: pageNo, page_size: pageSize },
        signal,
      );
      // listProblem has checked that output[key] is an array of jobs.
      const items = (output as unknown as Record<string, ListKinds[K]['item'][]>)[key] ?? [];
      return { items, total: output.total, ...(requestId === undefined ? {} : { requestId }) };
    };
    const runaway = (pagesRead: number) =>
      new DashScopeError({
        code: 'BadResponse',
        detail: `paging did not reach output.total after ${pagesRead} pages`,
        endpoint: `GET ${basePath}${path}`,
        retryable: false,
        attempts: 1,
      });
    yield* paginate(fetchPage, { pageNo: query?.page_no, pageSize: query?.page_size }, runaway);
  }

  return {
    endpoint: baseUrl,
    get requestCount() {
      return requestCount;
    },
    listFineTunes: (query, signal) => list('fine_tune', query, signal),
    getFineTune: (jobId, signal) => detail<RawFineTuneJob>('fine_tune', jobId, signal),
    listImports: (query, signal) => list('model_import', query, signal),
    getImport: (jobId, signal) => detail<RawImportJob>('model_import', jobId, signal),
    listCompressions: (query, signal) => list('compression', query, signal),
    getCompression: (jobId, signal) => detail<RawCompressionJob>('compression', jobId, signal),
    listCheckpoints: (jobId, signal) =>
      get<RawCheckpointList>(
        `/fine-tunes/${encodeId(jobId)}/checkpoints`,
        undefined,
        checkpointsProblem,
        signal,
      ),
    list,
    pages,
    async close() {
      if (closed) return;
      closed = true;
      await agent.close();
    },
  };
}

/** Query string from a query object, skipping unset values and keeping key order. */
function toSearch(query: object | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

function encodeId(jobId: string): string {
  if (typeof jobId !== 'string' || jobId === '')
    throw new TypeError('DashScope job id must be a non-empty string');
  return encodeURIComponent(jobId);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
