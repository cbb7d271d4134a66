import { NotifyError } from '../notify-error.js';
import { safeExcerpt } from '../redact.js';

/** Failures without a server reply that retrying cannot fix: bad addresses, a bad message, no credentials. */
const PERMANENT_LOCAL_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EAUTH', 'EOAUTH2']);

interface NodemailerError {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/**
 * The one place that decides what an SMTP failure means: a 4xx reply (421, 450, 451, 452 …) and any
 * connection failure are retryable; a 5xx reply is permanent; local envelope/message/auth errors
 * without a reply are permanent. Server text is redacted and cut short before it is kept.
 */
export function classifySmtpError(
  channel: string,
  error: unknown,
  secrets: readonly string[],
  aborted: boolean,
): NotifyError {
  if (aborted)
    return new NotifyError({ channel, retryable: true, detail: 'mail send aborted', code: 'aborted' });
  const err = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const code = typeof err.code === 'string' ? err.code : 'ESMTP';
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  if (responseCode !== undefined) {
    const reply =
      typeof err.response === 'string' ? safeExcerpt(err.response, secrets) : String(responseCode);
    return new NotifyError({
      channel,
      retryable: responseCode >= 400 && responseCode < 500,
      detail: `SMTP server answered ${reply}`,
      code,
    });
  }
  const message = typeof err.message === 'string' ? safeExcerpt(err.message, secrets) : 'unknown error';
  return new NotifyError({
    channel,
    retryable: !PERMANENT_LOCAL_CODES.has(code),
    detail: `SMTP send failed: ${message}`,
    code,
  });
}
