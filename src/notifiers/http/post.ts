import { request } from 'undici';

/** What a receiver answered, read to the end (bounded). */
export interface HttpAnswer {
  status: number;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

/** How a post ended: the receiver's answer, or the error that left us without one. */
export type PostOutcome = { answer: HttpAnswer } | { error: unknown };

/** No chat or webhook receiver answers with more than this; a bigger body is cut, not buffered. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs `body` (already serialised JSON) to `url` with undici, the one HTTP stack dashwatch uses, and
 * reads the answer whatever its status: the channel's classifier decides what it means. Redirects are
 * not followed: a receiver that moved is a configuration to fix, not a place to send secrets to.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<PostOutcome> {
  try {
    const response = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body,
      signal,
    });
    return {
      answer: {
        status: response.statusCode,
        headers: response.headers,
        body: await readBounded(response.body),
      },
    };
  } catch (error) {
    return { error };
  }
}

async function readBounded(body: AsyncIterable<unknown> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    size += buffer.length;
    if (size >= MAX_ANSWER_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER_BYTES);
}

/** The answer's JSON object, or undefined when the body is not one (a proxy's HTML page). */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
