import { randomUUID } from 'node:crypto';
import { type HttpSink, json200, type SinkRequest, startHttpSink, type Verdict } from './http-sink.js';

/** A local stand-in for a WeCom group robot (tests and `dashwatch demo`). */
export interface WecomSink extends HttpSink {
  /** The robot URL, `…/cgi-bin/webhook/send?key=…`. */
  readonly webhookUrl: string;
}

export interface WecomSinkOptions {
  port?: number;
  /** The window WeCom counts its 20 messages in (60 s; shorter to test pacing quickly). */
  windowMs?: number;
}

/** WeCom's limit on markdown content, in UTF-8 bytes. */
const MAX_MARKDOWN_BYTES = 4096;

/**
 * Verifies what WeCom verifies: the key, markdown content of at most 4,096 bytes, and 20 messages a
 * minute; it answers HTTP 200 with `errcode` as WeCom does (`93000` for a wrong key, `45009` when
 * rate-limited).
 */
export async function startWecomSink(options: WecomSinkOptions = {}): Promise<WecomSink> {
  const key = randomUUID();
  const refuse = (errcode: number, errmsg: string, violation: string): Verdict => ({
    ok: false,
    answer: json200({ errcode, errmsg }),
    violation,
  });
  const verify = (request: SinkRequest): Verdict => {
    if (new URL(request.url, 'http://sink').searchParams.get('key') !== key)
      return refuse(93000, 'invalid webhook url', 'wrong key');
    const body = request.json as { msgtype?: unknown; markdown?: { content?: unknown } } | undefined;
    const content = body?.markdown?.content;
    if (body?.msgtype !== 'markdown' || typeof content !== 'string')
      return refuse(40008, 'invalid message type', 'not a markdown message');
    const bytes = Buffer.byteLength(content);
    if (bytes > MAX_MARKDOWN_BYTES)
      return refuse(40058, 'markdown.content exceed max length 4096', `markdown of ${bytes} bytes`);
    return { ok: true };
  };
  const sink = await startHttpSink({
    ...(options.port === undefined ? {} : { port: options.port }),
    accepts: (request) => new URL(request.url, 'http://sink').pathname === '/cgi-bin/webhook/send',
    notFound: { status: 404, body: 'not found' },
    verify,
    limits: [
      {
        count: 20,
        windowMs: options.windowMs ?? 60_000,
        answer: json200({ errcode: 45009, errmsg: 'api freq out of limit' }),
      },
    ],
    success: json200({ errcode: 0, errmsg: 'ok' }),
    what: 'WeCom posts',
  });
  return Object.assign(sink, { webhookUrl: `${sink.url}/cgi-bin/webhook/send?key=${key}` });
}
