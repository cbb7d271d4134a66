import { parseRetryAfter } from '../../core/retry-after.js';
import { NotifyError } from '../notify-error.js';
import { safeExcerpt } from '../redact.js';
import type { HttpAnswer } from './post.js';

/**
 * A non-2xx answer, before any body code is read: 408, 429 and 5xx are retryable (429 after its
 * `Retry-After`), anything else (3xx included: redirects are not followed) is permanent. Undefined
 * for a 2xx answer.
 */
export function httpFailure(
  channel: string,
  service: string,
  answer: HttpAnswer,
  secrets: readonly string[],
): NotifyError | undefined {
  const { status } = answer;
  if (status >= 200 && status < 300) return undefined;
  const retryable = status === 408 || status === 429 || status >= 500;
  const header = answer.headers['retry-after'];
  const retryAfterMs =
    status === 429 ? parseRetryAfter(Array.isArray(header) ? header[0] : header) : undefined;
  const excerpt = safeExcerpt(answer.body, secrets, 100);
  return new NotifyError({
    channel,
    retryable,
    detail: `${service} answered HTTP ${status}${excerpt === '' ? '' : ` ${excerpt}`}`,
    httpStatus: status,
    code: `http_${status}`,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** What one of a receiver's body error codes means. */
export interface BodyCodeMeaning {
  retryable: boolean;
  /** Said in the error, so that the log line tells what to fix. */
  meaning: string;
  retryAfterMs?: number;
}

/** An error code in a 200 answer's JSON body, as the channel's table reads it. */
export function bodyCodeFailure(
  channel: string,
  service: string,
  code: number,
  message: string,
  meaning: BodyCodeMeaning,
  secrets: readonly string[],
): NotifyError {
  const said = safeExcerpt(message, secrets, 120);
  return new NotifyError({
    channel,
    retryable: meaning.retryable,
    detail: `${service} refused the message: ${code}${said === '' ? '' : ` "${said}"`} (${meaning.meaning})`,
    code: String(code),
    ...(meaning.retryAfterMs === undefined ? {} : { retryAfterMs: meaning.retryAfterMs }),
  });
}
