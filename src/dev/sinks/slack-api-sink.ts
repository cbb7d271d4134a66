import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForCount } from './wait-for.js';

/** One accepted Web API call: what was asked, and the message it made or changed. */
export interface SlackApiCall {
  method: 'chat.postMessage' | 'chat.update';
  /** The channel id the message is in. */
  channel: string;
  ts: string;
  threadTs?: string;
  broadcast: boolean;
  /** The fallback text and the blocks, as the channel shows them. */
  text: string;
  body: Record<string, unknown>;
  receivedAt: string;
}

/** A message as the channel shows it now: roots change in place with `chat.update`. */
export interface SlackApiMessage {
  ts: string;
  channel: string;
  threadTs?: string;
  text: string;
  updates: number;
}

/** A scripted answer to the next call: a Web API error, `ratelimited` as Slack sends it (429 + Retry-After). */
export interface SlackApiScript {
  error: string;
  /** Seconds, for `ratelimited`. */
  retryAfter?: number;
}

/** A local stand-in for the Slack Web API (`chat.postMessage`, `chat.update`) under `<url>/api`. */
export interface SlackApiSink {
  /** The base URL (`SLACK_API_URL`). */
  readonly url: string;
  /** The bot token it accepts; any other bearer is `invalid_auth`. */
  readonly token: string;
  /** The channel it knows, by name and by id. */
  readonly channelName: string;
  readonly channelId: string;
  readonly calls: SlackApiCall[];
  /** Messages by ts, as they read now. */
  readonly messages: Map<string, SlackApiMessage>;
  /** Calls refused (scripted, bad token, unknown channel…). */
  readonly refused: { method: string; error: string }[];
  /** Refusals that were not scripted: calls a real Slack would refuse too (bad token, unknown thread…). */
  readonly violations: { method: string; error: string }[];
  script(answers: readonly SlackApiScript[]): void;
  /** From now on, each call fails with chance `rate` with one of `errors` (after any scripted ones). */
  failRate(options: { rate: number; errors: readonly string[] } | undefined): void;
  /** Calls answered with a scripted or random failure so far. */
  readonly failures: number;
  /** The bot is (not) a member of the channel: `not_in_channel` while false. */
  setMember(member: boolean): void;
  waitFor(count: number, timeoutMs: number): Promise<SlackApiCall[]>;
  close(): Promise<void>;
}

/**
 * Verifies what Slack verifies: the bearer token, a known channel the bot is in, that `chat.update`
 * and `thread_ts` name an existing message of that channel, and `text` or `blocks` present. Answers
 * `{ ok, ts, channel }` with the channel's id, as Slack does.
 */
export async function startSlackApiSink(options: { channelName?: string } = {}): Promise<SlackApiSink> {
  const token = `xoxb-${randomBytes(6).toString('hex')}-${randomBytes(10).toString('hex')}`;
  const channelName = options.channelName ?? 'ml-jobs';
  const channelId = 'C0DASHWTCH';
  const calls: SlackApiCall[] = [];
  const messages = new Map<string, SlackApiMessage>();
  const refused: { method: string; error: string }[] = [];
  const scripted: SlackApiScript[] = [];
  const violations: { method: string; error: string }[] = [];
  let random: { rate: number; errors: readonly string[] } | undefined;
  let failures = 0;
  const listeners = new Set<() => void>();
  let member = true;
  let clock = 1_790_000_000_000_000;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = (req.url ?? '').replace(/^\/api\//, '');
    let planned = false;
    const refuse = (error: string, status = 200, headers: Record<string, string> = {}) => {
      refused.push({ method, error });
      if (planned) failures += 1;
      else violations.push({ method, error });
      reply(res, status, { ok: false, error }, headers);
    };
    if (req.method !== 'POST' || (method !== 'chat.postMessage' && method !== 'chat.update'))
      return reply(res, 404, { ok: false, error: 'unknown_method' });
    if (req.headers.authorization === undefined) return refuse('not_authed');
    if (req.headers.authorization !== `Bearer ${token}`) return refuse('invalid_auth');
    const next = scripted.shift() ?? randomFailure();
    planned = next !== undefined;
    if (next?.error === 'ratelimited')
      return refuse('ratelimited', 429, { 'retry-after': String(next.retryAfter ?? 1) });
    if (next !== undefined) return refuse(next.error);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return refuse('invalid_json');
    }
    const asked = String(body.channel ?? '').replace(/^#/, '');
    if (asked !== channelName && asked !== channelId) return refuse('channel_not_found');
    if (!member) return refuse('not_in_channel');
    if (typeof body.text !== 'string' && !Array.isArray(body.blocks)) return refuse('no_text');
    // What the channel shows: the fallback and every block's text.
    const text = [typeof body.text === 'string' ? body.text : '', JSON.stringify(body.blocks ?? [])].join(
      '\n',
    );
    if (method === 'chat.update') {
      // Slack updates by channel id and ts; a name is not enough.
      const message = messages.get(String(body.ts));
      if (asked !== channelId || message === undefined) return refuse('message_not_found');
      message.text = text;
      message.updates += 1;
      return accept({ method, channel: channelId, ts: message.ts, text, body });
    }
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    if (threadTs !== undefined && !messages.has(threadTs)) return refuse('thread_not_found');
    clock += 100;
    const ts = `${Math.floor(clock / 1e6)}.${String(clock % 1e6).padStart(6, '0')}`;
    messages.set(ts, { ts, channel: channelId, text, updates: 0, ...(threadTs ? { threadTs } : {}) });
    return accept({ method, channel: channelId, ts, text, body, ...(threadTs ? { threadTs } : {}) });

    function accept(call: Omit<SlackApiCall, 'broadcast' | 'receivedAt'>) {
      calls.push({ ...call, broadcast: body.reply_broadcast === true, receivedAt: new Date().toISOString() });
      for (const listener of listeners) listener();
      reply(res, 200, { ok: true, channel: channelId, ts: call.ts });
    }
  };
  const randomFailure = (): SlackApiScript | undefined => {
    if (random === undefined || Math.random() >= random.rate) return undefined;
    const error = random.errors[Math.floor(Math.random() * random.errors.length)] ?? 'internal_error';
    return { error, retryAfter: 1 };
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => reply(res, 500, { ok: false, error: 'internal_error' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    token,
    channelName,
    channelId,
    calls,
    messages,
    refused,
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
    setMember: (value) => {
      member = value;
    },
    waitFor: (count, timeoutMs) =>
      waitForCount(
        calls,
        count,
        timeoutMs,
        (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        'Slack API calls',
      ),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function reply(
  res: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
