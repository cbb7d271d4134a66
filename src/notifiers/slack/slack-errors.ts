import { parseRetryAfter } from '../../core/retry-after.js';
import { NotifyError } from '../notify-error.js';
import { safeExcerpt } from '../redact.js';

/** What the webhook answered, recorded by our fetch because `@slack/webhook` hides the headers. */
export interface SlackResponse {
  status: number;
  retryAfter: string | null;
  body: string;
}

/**
 * The one place that decides what a Slack answer means: 2xx ok (undefined); 429 retryable after
 * `Retry-After`; 5xx retryable; any other status permanent, with Slack's body (`no_service`,
 * `invalid_token`, `channel_not_found`, `invalid_payload`, …) as the code.
 */
export function classifySlackResponse(
  channel: string,
  response: SlackResponse,
  secrets: readonly string[],
): NotifyError | undefined {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  const code = safeExcerpt(response.body, secrets, 100) || `http_${status}`;
  const retryable = status === 429 || status >= 500;
  const retryAfterMs = status === 429 ? parseRetryAfter(response.retryAfter ?? undefined) : undefined;
  return new NotifyError({
    channel,
    retryable,
    detail: `Slack answered HTTP ${status} ${code}`,
    httpStatus: status,
    code,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** No answer at all: the request failed on the way (refused, reset, DNS, timeout) or was aborted. */
export function slackRequestError(channel: string, error: unknown, aborted: boolean): NotifyError {
  if (aborted)
    return new NotifyError({ channel, retryable: true, detail: 'Slack post aborted', code: 'aborted' });
  const code = socketCode(error) ?? 'network';
  return new NotifyError({ channel, retryable: true, detail: `Slack unreachable (${code})`, code });
}

/**
 * The socket error's code (`ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`, …) from the cause chain: the
 * library wraps undici's `fetch failed`, which wraps the socket error. Only the code is kept: the
 * messages name host and port, and we keep nothing we have not checked.
 */
function socketCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}
