import { createHmac, randomBytes } from 'node:crypto';
import { type HttpSink, json200, type SinkRequest, startHttpSink, type Verdict } from './http-sink.js';

/** A local stand-in for a DingTalk custom robot (tests and `dashwatch demo`). */
export interface DingtalkSink extends HttpSink {
  /** The robot URL, `…/robot/send?access_token=…`. */
  readonly webhookUrl: string;
  /** The signing secret the robot checks, when started with `signed`. */
  readonly secret: string | undefined;
}

export interface DingtalkSinkOptions {
  port?: number;
  /** Check `timestamp` and `sign` as a robot with 加签 does. */
  signed?: boolean;
  /** The window DingTalk counts its 20 messages in (60 s; shorter to test pacing quickly). */
  windowMs?: number;
}

/** DingTalk's limit on a request body. */
const MAX_BODY_BYTES = 20_000;
/** How far a signature's timestamp may be from DingTalk's clock. */
const CLOCK_WINDOW_MS = 60 * 60 * 1000;

/**
 * Verifies what DingTalk verifies: the access token, the signature (`sign` = base64 HMAC-SHA256 of
 * `timestamp\nsecret` keyed with the secret) and its timestamp within an hour, a markdown body of at
 * most 20,000 bytes, and 20 messages per window; it answers HTTP 200 with `errcode` as DingTalk does.
 */
export async function startDingtalkSink(options: DingtalkSinkOptions = {}): Promise<DingtalkSink> {
  const token = randomBytes(16).toString('hex');
  const secret = options.signed ? `SEC${randomBytes(32).toString('hex')}` : undefined;
  const refuse = (errcode: number, errmsg: string, violation: string): Verdict => ({
    ok: false,
    answer: json200({ errcode, errmsg }),
    violation,
  });
  const verify = (request: SinkRequest): Verdict => {
    const query = new URL(request.url, 'http://sink').searchParams;
    if (query.get('access_token') !== token)
      return refuse(300001, 'token is not exist', 'wrong access_token');
    if (secret !== undefined) {
      const timestamp = query.get('timestamp') ?? '';
      if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > CLOCK_WINDOW_MS)
        return refuse(310000, 'invalid timestamp', `timestamp "${timestamp}" out of window`);
      const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
      if (query.get('sign') !== expected) return refuse(310000, 'sign not match', 'signature mismatch');
    }
    if (Buffer.byteLength(request.raw) > MAX_BODY_BYTES)
      return refuse(460101, 'message too long', `body of ${Buffer.byteLength(request.raw)} bytes`);
    const body = request.json as
      | { msgtype?: unknown; markdown?: { title?: unknown; text?: unknown } }
      | undefined;
    if (
      body?.msgtype !== 'markdown' ||
      typeof body.markdown?.title !== 'string' ||
      typeof body.markdown.text !== 'string'
    )
      return refuse(40035, 'invalid parameter', 'not a markdown message');
    return { ok: true };
  };
  const sink = await startHttpSink({
    ...(options.port === undefined ? {} : { port: options.port }),
    accepts: (request) => new URL(request.url, 'http://sink').pathname === '/robot/send',
    notFound: { status: 404, body: 'not found' },
    verify,
    limits: [
      {
        count: 20,
        windowMs: options.windowMs ?? 60_000,
        answer: json200({ errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' }),
      },
    ],
    success: json200({ errcode: 0, errmsg: 'ok' }),
    what: 'DingTalk posts',
  });
  return Object.assign(sink, { webhookUrl: `${sink.url}/robot/send?access_token=${token}`, secret });
}
