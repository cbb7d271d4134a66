import { type FetchFunction, IncomingWebhook } from '@slack/webhook';
import { fetch } from 'undici';
import type { SlackResponse } from './slack-errors.js';

type FetchResponse = Awaited<ReturnType<FetchFunction>>;

/** How a post ended: Slack's answer, or the error that left us without one. */
export type PostOutcome = { response: SlackResponse } | { error: unknown };

/**
 * Posts one payload through `@slack/webhook`, with its retries off (BullMQ owns retries) and a fetch
 * (undici's, the one HTTP stack dashwatch uses) that records status, `Retry-After` and body, which
 * the library's errors do not carry. `signal` carries the post's deadline (see open-channel.ts): a
 * webhook that accepts the connection and never answers is a retryable failure, not a stuck channel.
 */
export async function postToWebhook(url: string, payload: object, signal: AbortSignal): Promise<PostOutcome> {
  const seen: { response?: SlackResponse } = {};
  const recordingFetch: FetchFunction = async (input, init) => {
    const response = await fetch(input, { ...(init as object), signal });
    const body = await response.text();
    seen.response = { status: response.status, retryAfter: response.headers.get('retry-after'), body };
    return replay(response, body);
  };
  const webhook = new IncomingWebhook(url, { fetch: recordingFetch, retryConfig: { retries: 0 } });
  try {
    await webhook.send(payload);
  } catch (error) {
    // The library throws for non-2xx answers too: those are classified from what was recorded.
    if (seen.response === undefined) return { error };
  }
  return seen.response === undefined
    ? { error: new Error('no response recorded') }
    : { response: seen.response };
}

/** The response again, with its body already read (a fetch body can be read only once). */
function replay(response: Awaited<ReturnType<typeof fetch>>, body: string): FetchResponse {
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    url: '',
    headers: response.headers as unknown as FetchResponse['headers'],
    text: async () => body,
    json: async () => JSON.parse(body),
    arrayBuffer: async () => new TextEncoder().encode(body).buffer as ArrayBuffer,
  };
}
