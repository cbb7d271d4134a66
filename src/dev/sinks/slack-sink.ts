import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForCount } from './wait-for.js';

/** One post the sink received: the parsed JSON body (or the raw text if it was not JSON). */
export interface SlackPost {
  body: unknown;
  receivedAt: string;
}

/** How the sink answers one post; the default is 200 `ok`, as Slack does. */
export interface ScriptedResponse {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** Random failures: each post fails with chance `rate`, answering one of `statuses` at random. */
export interface SlackFailRate {
  rate: number;
  statuses: readonly number[];
  /** `Retry-After` seconds sent with a 429. */
  retryAfter?: number;
}

/** A local stand-in for a Slack incoming webhook (tests and `dashwatch demo`). */
export interface SlackSink {
  /** The webhook URL on 127.0.0.1; its path ends in a random token, like a real one. */
  readonly url: string;
  readonly received: SlackPost[];
  /** Answers for the next posts, in order; after them, 200 `ok`. Scripted failures are not recorded. */
  script(responses: readonly ScriptedResponse[]): void;
  /** From now on, posts fail at random (after any scripted answers); `undefined` stops it. */
  failRate(options: SlackFailRate | undefined): void;
  /** Posts answered with a failure so far, scripted or random. */
  readonly failures: number;
  /** Calls `listener` for each accepted post; returns the unsubscribe function. */
  onPost(listener: (post: SlackPost) => void): () => void;
  waitFor(count: number, timeoutMs: number): Promise<SlackPost[]>;
  close(): Promise<void>;
}

export async function startSlackSink(options: { port?: number } = {}): Promise<SlackSink> {
  const received: SlackPost[] = [];
  const scripted: ScriptedResponse[] = [];
  const listeners = new Set<(post: SlackPost) => void>();
  let random: SlackFailRate | undefined;
  let failures = 0;
  const path = `/services/T0DASHWATCH/B0SINK/${randomBytes(12).toString('hex')}`;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // Like Slack: a wrong path or method is an unknown webhook.
    if (req.method !== 'POST' || req.url !== path) return answer(res, { status: 404, body: 'no_service' });
    const next = scripted.shift() ?? randomFailure(random);
    if (next !== undefined && (next.status < 200 || next.status >= 300)) {
      failures += 1;
      return answer(res, next);
    }
    const post: SlackPost = {
      body: parse(Buffer.concat(chunks).toString('utf8')),
      receivedAt: new Date().toISOString(),
    };
    received.push(post);
    for (const listener of listeners) listener(post);
    answer(res, next ?? { status: 200, body: 'ok' });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, { status: 500, body: 'sink_error' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const onPost = (listener: (post: SlackPost) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    script: (responses) => {
      scripted.push(...responses);
    },
    failRate: (options) => {
      random = options;
    },
    get failures() {
      return failures;
    },
    onPost,
    waitFor: (count, timeoutMs) => waitForCount(received, count, timeoutMs, onPost, 'Slack posts'),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function randomFailure(options: SlackFailRate | undefined): ScriptedResponse | undefined {
  if (options === undefined || Math.random() >= options.rate) return undefined;
  const status = options.statuses[Math.floor(Math.random() * options.statuses.length)] ?? 500;
  if (status !== 429) return { status, body: 'internal_error' };
  const headers: Record<string, string> =
    options.retryAfter === undefined ? {} : { 'retry-after': String(options.retryAfter) };
  return { status, body: 'rate_limited', headers };
}

function answer(res: ServerResponse, response: ScriptedResponse): void {
  if (res.headersSent) return;
  res.writeHead(response.status, { 'content-type': 'text/plain', ...response.headers });
  res.end(response.body ?? '');
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
