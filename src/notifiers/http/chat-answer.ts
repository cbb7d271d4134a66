import { parseRetryAfter } from '../../core/retry-after.js';
import { NotifyError } from '../notify-error.js';
import { safeExcerpt } from '../redact.js';
import { type HttpAnswer, jsonObject } from './post.js';

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

/** Where a chat service's JSON answer keeps its error code and message (each names its own fields). */
export interface AnswerFields {
  /** The body fields holding the code, first present wins (`errcode`, or `code` then `StatusCode`). */
  code: readonly string[];
  message: readonly string[];
}

/**
 * Reads a chat robot's answer: a non-2xx is `httpFailure`; a 200 with code 0 is success; a 200
 * without a code is not the service's answer shape (a proxy or captive portal), retried; any other
 * code is what `meaningOf` says.
 */
export function classifyChatAnswer(
  channel: string,
  service: string,
  answer: HttpAnswer,
  fields: AnswerFields,
  meaningOf: (code: number) => BodyCodeMeaning,
  secrets: readonly string[],
): NotifyError | undefined {
  const failed = httpFailure(channel, service, answer, secrets);
  if (failed !== undefined) return failed;
  const body = jsonObject(answer.body);
  const code = fields.code.map((field) => body?.[field]).find((value) => typeof value === 'number');
  if (code === 0) return undefined;
  const said = fields.message.map((field) => body?.[field]).find((value) => typeof value === 'string');
  const message = typeof said === 'string' ? said : answer.body;
  if (typeof code !== 'number') {
    const meaning = { retryable: true, meaning: `no ${fields.code.join(' or ')} in the answer` };
    return bodyCodeFailure(channel, service, -2, message, meaning, secrets);
  }
  return bodyCodeFailure(channel, service, code, message, meaningOf(code), secrets);
}
