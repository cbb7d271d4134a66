import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForCount } from './wait-for.js';

/** One request as a sink saw it. `at` is `Date.now()` when its body had arrived. */
export interface SinkRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  raw: string;
  /** The body as JSON, or undefined when it is not. */
  json: unknown;
  at: number;
}

/** What a sink answers. */
export interface SinkAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** A service's verdict on a request: taken, or refused with its answer and why. */
export type Verdict = { ok: true } | { ok: false; answer: SinkAnswer; violation: string };

/** A service's rate limit: at most `count` requests in any `windowMs`, else `answer`. */
export interface RateLimit {
  count: number;
  windowMs: number;
  answer: SinkAnswer;
}

/** One request that passed verification, with what the sink answered. */
export interface SinkAttempt {
  request: SinkRequest;
  status: number;
  /** True when the answer was a scripted or rate-limit failure. */
  failed: boolean;
}

/** What every loopback sink of a chat or webhook service offers tests and the demo. */
export interface HttpSink {
  readonly url: string;
  /** Requests the service took (answered with success), in order. */
  readonly received: SinkRequest[];
  /** Every request that passed verification, answered with success or a failure. */
  readonly attempts: SinkAttempt[];
  /**
   * What the real service would have refused: a bad signature, a stale timestamp, an oversized body, a
   * rate limit exceeded. A correct sender leaves this empty.
   */
  readonly violations: string[];
  /**
   * Answers for the next verified requests, in order (a service's failures: busy, rate-limited…);
   * `'accept'` takes that request as the service normally would.
   */
  script(answers: readonly (SinkAnswer | 'accept')[]): void;
  /** From now on, each verified request fails with chance `rate`, with one of `answers` at random. */
  failRate(options: { rate: number; answers: readonly SinkAnswer[] } | undefined): void;
  /** Requests answered with a scripted or random failure so far. */
  readonly failures: number;
  onRequest(listener: (request: SinkRequest) => void): () => void;
  waitFor(count: number, timeoutMs: number): Promise<SinkRequest[]>;
  close(): Promise<void>;
}

export interface HttpSinkOptions {
  port?: number;
  /** The path (and query) a request must have to reach the service; anything else gets `notFound`. */
  accepts(request: SinkRequest): boolean;
  notFound: SinkAnswer;
  /** The service's own checks (signature, timestamp, size, shape), in its words. */
  verify(request: SinkRequest): Verdict;
  limits: readonly RateLimit[];
  success: SinkAnswer;
  /** What the sink calls its requests in timeouts ("DingTalk posts"). */
  what: string;
}

/**
 * A loopback HTTP server that behaves like a chat or webhook service: it refuses what the service
 * refuses (recording each refusal as a violation), counts requests against the service's rate limits
 * over sliding windows, and answers scripted failures when told to.
 */
export async function startHttpSink(options: HttpSinkOptions): Promise<HttpSink> {
  const received: SinkRequest[] = [];
  const attempts: SinkAttempt[] = [];
  const violations: string[] = [];
  const scripted: (SinkAnswer | 'accept')[] = [];
  const listeners = new Set<(request: SinkRequest) => void>();
  let random: { rate: number; answers: readonly SinkAnswer[] } | undefined;
  let failures = 0;
  const randomFailure = (): SinkAnswer | undefined => {
    if (random === undefined || random.answers.length === 0 || Math.random() >= random.rate) return undefined;
    return random.answers[Math.floor(Math.random() * random.answers.length)];
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const request: SinkRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      raw,
      json: parse(raw),
      at: Date.now(),
    };
    if (request.method !== 'POST' || !options.accepts(request)) return answer(res, options.notFound);
    const verdict = options.verify(request);
    if (!verdict.ok) {
      violations.push(verdict.violation);
      return answer(res, verdict.answer);
    }
    const limited = options.limits.find(
      (limit) =>
        attempts.filter((attempt) => attempt.request.at > request.at - limit.windowMs).length >= limit.count,
    );
    if (limited !== undefined) {
      violations.push(`more than ${limited.count} requests in ${limited.windowMs} ms`);
      attempts.push({ request, status: limited.answer.status, failed: true });
      return answer(res, limited.answer);
    }
    const turn = scripted.shift();
    const next = turn === 'accept' ? undefined : (turn ?? randomFailure());
    attempts.push({ request, status: (next ?? options.success).status, failed: next !== undefined });
    if (next !== undefined) {
      failures += 1;
      return answer(res, next);
    }
    received.push(request);
    for (const listener of listeners) listener(request);
    answer(res, options.success);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, { status: 500, body: 'sink error' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const onRequest = (listener: (request: SinkRequest) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    attempts,
    violations,
    script: (answers) => {
      scripted.push(...answers);
    },
    failRate: (options) => {
      random = options;
    },
    get failures() {
      return failures;
    },
    onRequest,
    waitFor: (count, timeoutMs) => waitForCount(received, count, timeoutMs, onRequest, options.what),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A JSON answer with HTTP 200, the way the chat services report their errors. */
export function json200(body: object): SinkAnswer {
  return { status: 200, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

/** The most requests any window of `windowMs` saw: what a rate limit is judged by. */
export function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

function answer(res: ServerResponse, response: SinkAnswer): void {
  if (res.headersSent) return;
  res.writeHead(response.status, { 'content-type': 'text/plain', ...response.headers });
  res.end(response.body);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
