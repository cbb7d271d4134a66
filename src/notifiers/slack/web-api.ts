import { fetch } from 'undici';
import type { SlackResponse } from './slack-errors.js';

/** How a Web API call ended: Slack's answer, or the error that left us without one. */
export type ApiOutcome = { response: SlackResponse } | { error: unknown };

/**
 * One Slack Web API call (`chat.postMessage`, `chat.update`): JSON with the bot token as a bearer,
 * through undici like every request dashwatch makes. No retries here: the delivery queue owns them,
 * and the answer (status, `Retry-After`, body) goes to the classifier whole.
 */
export async function callSlackApi(
  apiUrl: string,
  method: string,
  token: string,
  body: object,
  signal: AbortSignal,
): Promise<ApiOutcome> {
  try {
    const response = await fetch(`${apiUrl.replace(/\/+$/, '')}/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    return {
      response: { status: response.status, retryAfter: response.headers.get('retry-after'), body: text },
    };
  } catch (error) {
    return { error };
  }
}
