import { parseRetryAfter } from '../../core/retry-after.js';
import { NotifyError } from '../notify-error.js';
import { safeExcerpt } from '../redact.js';
import type { SlackResponse } from './slack-errors.js';

/** What a Web API call that succeeded answered. */
export interface SlackApiOk {
  ts: string;
  channel: string;
}

/** Slack's own troubles: another attempt may work. */
const RETRYABLE = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** Permanent errors worth a sentence: what to fix, said once. */
const HINTS: Record<string, string> = {
  channel_not_found:
    'no such channel, or the bot cannot see it (check the channel; invite the bot to a private one)',
  not_in_channel: 'the bot is not in the channel (invite it: /invite @your-bot)',
  is_archived: 'the channel is archived',
  invalid_auth: 'the bot token is not valid',
  not_authed: 'no bot token was sent',
  token_revoked: 'the bot token was revoked',
  account_inactive: 'the bot token belongs to a deleted user or app',
  missing_scope: 'the bot token lacks the chat:write scope',
};

/**
 * The one place that reads Web API answers: `{ ok: true }` is success; HTTP 429 / `ratelimited` and
 * Slack's own failures are retried (after `Retry-After`); every other error (`channel_not_found`,
 * `not_in_channel`, `invalid_auth`, …) is permanent, with a sentence that says what to fix.
 */
export function classifySlackApiResponse(
  channel: string,
  method: string,
  response: SlackResponse,
  secrets: readonly string[],
): NotifyError | SlackApiOk {
  const { status } = response;
  const body = parseBody(response.body);
  if (status >= 200 && status < 300 && body?.ok === true)
    return { ts: String(body.ts ?? ''), channel: String(body.channel ?? '') };
  const code = typeof body?.error === 'string' ? safeExcerpt(body.error, secrets, 60) : `http_${status}`;
  const retryable = status === 429 || status >= 500 || RETRYABLE.has(code);
  const retryAfterMs = status === 429 ? parseRetryAfter(response.retryAfter ?? undefined) : undefined;
  const hint = HINTS[code];
  return new NotifyError({
    channel,
    retryable,
    detail: `Slack ${method} answered ${code}${hint ? `: ${hint}` : ''} (HTTP ${status})`,
    httpStatus: status,
    code,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
