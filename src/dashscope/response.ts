import { parseRetryAfter } from '../core/retry-after.js';
import { badResponse, type ErrorContext, errorFromHttp, parseObject } from './error-mapping.js';
import type { RawResponse } from './request.js';
import type { AttemptOutcome } from './retry.js';

/** A successful call: the response's raw `output` and its `request_id`. */
export interface ApiResult<T> {
  output: T;
  requestId?: string;
}

/** Describes the first structural problem of an `output`, or returns undefined when it is usable. */
export type OutputCheck = (output: unknown) => string | undefined;

/**
 * Turns a response into an attempt outcome: non-2xx → the vendor's error (with any Retry-After);
 * 2xx → `{output, requestId}` once `check` accepts the output. A 2xx that is not a JSON object
 * with a well-formed `output` throws `BadResponse`.
 */
export function interpretResponse<T>(
  res: RawResponse,
  check: OutputCheck,
  ctx: ErrorContext,
): AttemptOutcome<ApiResult<T>> {
  if (res.status < 200 || res.status >= 300) {
    return {
      ok: false,
      error: errorFromHttp(res.status, res.text, ctx),
      retryAfterMs: parseRetryAfter(res.headers['retry-after']),
    };
  }
  const body = parseObject(res.text);
  if (body === undefined)
    throw badResponse('response body is not a JSON object', ctx, { httpStatus: res.status });
  const requestId = typeof body.request_id === 'string' ? ctx.scrub(body.request_id) : undefined;
  const ids = requestId === undefined ? {} : { requestId };
  if (!('output' in body))
    throw badResponse('response has no output', ctx, { httpStatus: res.status, ...ids });
  const problem = check(body.output);
  if (problem !== undefined) {
    throw badResponse(`malformed response: ${problem}`, ctx, { httpStatus: res.status, ...ids });
  }
  return { ok: true, value: { output: body.output as T, ...ids } };
}
