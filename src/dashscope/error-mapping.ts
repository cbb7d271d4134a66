import { isRetryableStatus } from './backoff.js';
import { DashScopeError, type ErrorCauseSummary } from './dashscope-error.js';

/** What every error built for one attempt shares. */
export interface ErrorContext {
  endpoint: string;
  attempt: number;
  /** Removes secrets from any text that goes into an error. */
  scrub: (text: string) => string;
}

/** Builds the error for a non-2xx response from the vendor's body `{request_id, code, message}`, if it has one. */
export function errorFromHttp(status: number, bodyText: string, ctx: ErrorContext): DashScopeError {
  const body = parseObject(bodyText);
  // A peer may echo anything, a key included, in any field: every one is scrubbed.
  const scrubbed = (value: unknown) => {
    const text = nonEmptyString(value);
    return text === undefined ? undefined : ctx.scrub(text);
  };
  const code = scrubbed(body?.code);
  const message = scrubbed(body?.message);
  const requestId = scrubbed(body?.request_id);
  return new DashScopeError({
    code: code ?? 'HttpError',
    detail: ctx.scrub(
      message ?? (code === undefined ? `HTTP ${status} without a DashScope error body` : code),
    ),
    endpoint: ctx.endpoint,
    httpStatus: status,
    ...(requestId === undefined ? {} : { requestId }),
    retryable: isRetryableStatus(status),
    attempts: ctx.attempt,
  });
}

/** A 2xx whose body is not what the endpoint promises: never retried, since the same bytes would come back. */
export function badResponse(
  detail: string,
  ctx: ErrorContext,
  extra: { httpStatus?: number; requestId?: string; cause?: unknown } = {},
): DashScopeError {
  return new DashScopeError({
    code: 'BadResponse',
    detail: ctx.scrub(detail),
    endpoint: ctx.endpoint,
    ...(extra.httpStatus === undefined ? {} : { httpStatus: extra.httpStatus }),
    ...(extra.requestId === undefined ? {} : { requestId: extra.requestId }),
    ...(extra.cause === undefined ? {} : { cause: summarizeCause(extra.cause, ctx.scrub) }),
    retryable: false,
    attempts: ctx.attempt,
  });
}

/** Why a call failed before a response could be read. */
export type TransportFailure = 'timeout' | 'aborted' | 'network';

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** Classifies a thrown transport error: our own timer and the caller's signal decide first. */
export function classifyTransport(
  error: unknown,
  timedOut: boolean,
  callerAborted: boolean,
): TransportFailure {
  if (callerAborted) return 'aborted';
  if (timedOut) return 'timeout';
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TIMEOUT_CODES.has(code) ? 'timeout' : 'network';
}

/** Builds the error for a transport failure; timeouts and network errors are retryable, aborts are not. */
export function transportError(
  kind: TransportFailure,
  error: unknown,
  ctx: ErrorContext,
  timeoutMs: number,
): DashScopeError {
  const cause = error === undefined ? undefined : summarizeCause(error, ctx.scrub);
  const detail =
    kind === 'timeout'
      ? `no complete response within ${timeoutMs} ms`
      : kind === 'aborted'
        ? 'aborted by the caller'
        : `network error: ${cause?.message ?? 'unknown'}`;
  return new DashScopeError({
    code: kind === 'timeout' ? 'Timeout' : kind === 'aborted' ? 'Aborted' : 'NetworkError',
    detail,
    endpoint: ctx.endpoint,
    retryable: kind !== 'aborted',
    attempts: ctx.attempt,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Keeps only name, code and message: undici errors can reference sockets, options and headers. */
export function summarizeCause(error: unknown, scrub: (text: string) => string): ErrorCauseSummary {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      ...(typeof code === 'string' ? { code } : {}),
      message: scrub(error.message),
    };
  }
  return { name: 'Error', message: scrub(String(error)) };
}

/** Parses text as a JSON object, or returns undefined. */
export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
