import { Agent } from 'undici';
import { REDACTED, scrubSecrets } from '../core/secrets.js';
import { USER_AGENT } from '../core/version.js';
import type {
  DashScopeClient,
  DashScopeClientOptions,
  ListEndpoint,
  ListOutput,
  Query,
} from './client-types.js';
import { DashScopeConfigError } from './dashscope-config-error.js';
import { DashScopeError } from './dashscope-error.js';
import type { ErrorContext } from './error-mapping.js';
import { paginate } from './paging.js';
import { resolveBaseUrl } from './regions.js';
import { sendOnce } from './request.js';
import { interpretResponse, type OutputCheck } from './response.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, realSleep, runWithRetry } from './retry.js';
import { arrayProblem, jobProblem, listProblem, objectProblem } from './validate.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

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
  // A shared dispatcher (many watches, one connection pool per origin) stays open when this client closes.
  const agent = options.dispatcher ?? new Agent();
  const ownsAgent = options.dispatcher === undefined;
  const headers: Record<string, string> = {
    authorization: `Bearer ${apiKey}`,
    accept: 'application/json',
    'user-agent': USER_AGENT,
    ...(options.workspace ? { 'x-dashscope-workspace': options.workspace } : {}),
  };
  // Vendor messages and undici errors are echoed into errors; make sure the key never is.
  const scrub = (text: string) => scrubSecrets(text.split(apiKey).join(REDACTED));
  let requestCount = 0;
  let closed = false;

  function call<T>(request: CallRequest, check: OutputCheck, signal?: AbortSignal) {
    const method = request.body === undefined ? 'GET' : 'POST';
    const fullPath = `${basePath}${request.path}${toSearch(request.query)}`;
    const endpoint = `${method} ${fullPath}`;
    const attempt = async (n: number) => {
      const ctx: ErrorContext = { endpoint, attempt: n, scrub };
      if (closed) {
        const detail = 'client is closed';
        throw new DashScopeError({ code: 'Aborted', detail, endpoint, retryable: false, attempts: n });
      }
      requestCount++;
      const started = performance.now();
      const send = {
        dispatcher: agent,
        origin,
        path: fullPath,
        headers,
        timeoutMs,
        method,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      } as const;
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
      // A POST that timed out or met a 5xx may have been acted on: sending it again could create a
      // second job. Only a throttled one (429) was surely refused, so only that is retried.
      ...(method === 'POST' ? { retryIf: (error: DashScopeError) => error.httpStatus === 429 } : {}),
      ...(logger === undefined ? {} : { logger }),
      ...(signal === undefined ? {} : { signal }),
    });
  }

  const get = <T>(path: string, query: Query | undefined, check: OutputCheck, signal?: AbortSignal) =>
    call<T>({ path, query }, check, signal);

  function list(endpoint: ListEndpoint, query?: Query, signal?: AbortSignal) {
    return get<ListOutput>(endpoint.path, query, (output) => listProblem(output, endpoint.itemsKey), signal);
  }

  async function* pages(endpoint: ListEndpoint, query?: Query, signal?: AbortSignal) {
    const fetchPage = async (pageNo: number, pageSize: number) => {
      const { output, requestId } = await list(
        endpoint,
        { ...query, page_no: pageNo, page_size: pageSize },
        signal,
      );
      // listProblem has checked that output[itemsKey] is an array.
      const items = output[endpoint.itemsKey] as unknown[];
      return { items, total: output.total, ...(requestId === undefined ? {} : { requestId }) };
    };
    const runaway = (pagesRead: number) =>
      new DashScopeError({
        code: 'BadResponse',
        detail: `paging did not reach output.total after ${pagesRead} pages`,
        endpoint: `GET ${basePath}${endpoint.path}`,
        retryable: false,
        attempts: 1,
      });
    yield* paginate(
      fetchPage,
      { pageNo: numberOr(query?.page_no), pageSize: numberOr(query?.page_size) },
      runaway,
    );
  }

  return {
    endpoint: baseUrl,
    get requestCount() {
      return requestCount;
    },
    list,
    pages,
    detail: (path, signal) => get(path, undefined, (output) => jobProblem(output), signal),
    array: (path, signal) => get(path, undefined, arrayProblem, signal),
    object: (path, query, signal) => get(path, query, objectProblem, signal),
    post: (path, body, signal) => call({ path, body }, objectProblem, signal),
    async close() {
      if (closed) return;
      closed = true;
      if (ownsAgent) await agent.close();
    },
  };
}

interface CallRequest {
  path: string;
  query?: Query | undefined;
  /** Sent as JSON with a POST; a call without one is a GET. */
  body?: Readonly<Record<string, unknown>>;
}

/** Query string from a query object, skipping unset values and keeping key order. */
function toSearch(query: Query | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

function numberOr(value: string | number | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
