import { type FetchFunction, IncomingWebhook } from '@slack/webhook';
import type { SlackResponse } from './slack-errors.js';

type FetchResponse = Awaited<ReturnType<FetchFunction>>;

/** A webhook that never answers must not hold a channel's flush for minutes: it is a retryable failure. */
const POST_TIMEOUT_MS = 30_000;

/** How a post ended: Slack's answer, or the error that left us without one. */
export type PostOutcome = { response: SlackResponse } | { error: unknown };

/**
 * Posts one payload through `@slack/webhook`, with its retries off (BullMQ owns retries) and a
 * fetch that records status, `Retry-After` and body, which the library's errors do not carry.
 */
export async function postToWebhook(url: string, payload: object, signal: AbortSignal): Promise<PostOutcome> {
  const seen: { response?: SlackResponse } = {};
  const recordingFetch: FetchFunction = async (input, init) => {
    const bounded = AbortSignal.any([signal, AbortSignal.timeout(POST_TIMEOUT_MS)]);
    const response = await fetch(input, { ...init, signal: withCaller(init?.signal, bounded) });
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

function withCaller(own: AbortSignal | undefined, caller: AbortSignal): AbortSignal {
  return own === undefined ? caller : AbortSignal.any([own, caller]);
}

/** The response again, with its body already read (a fetch body can be read only once). */
function replay(response: Response, body: string): FetchResponse {
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    url: '',
    headers: response.headers,
    text: async () => body,
    json: async () => JSON.parse(body),
    arrayBuffer: async () => new TextEncoder().encode(body).buffer as ArrayBuffer,
  };
}
