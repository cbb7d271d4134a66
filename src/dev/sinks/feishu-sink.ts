import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { type HttpSink, json200, type SinkRequest, startHttpSink, type Verdict } from './http-sink.js';

/** A local stand-in for a Feishu (or Lark) custom bot (tests and `dashwatch demo`). */
export interface FeishuSink extends HttpSink {
  /** The hook URL, `…/open-apis/bot/v2/hook/<uuid>`. */
  readonly webhookUrl: string;
  readonly secret: string | undefined;
}

export interface FeishuSinkOptions {
  port?: number;
  signed?: boolean;
  /** Scales Feishu's windows (1 s and 60 s) for quick tests; 1 is the real service. */
  windowScale?: number;
}

const MAX_BODY_BYTES = 20 * 1024;
const CLOCK_WINDOW_S = 60 * 60;

/**
 * Verifies what Feishu verifies: the hook token, `timestamp` (seconds) and `sign` in the body (base64
 * HMAC-SHA256 keyed with `timestamp\nsecret` over nothing) within an hour, an interactive card of at
 * most 20 KB, and 5 requests a second and 100 a minute; it answers HTTP 200 with `code`.
 */
export async function startFeishuSink(options: FeishuSinkOptions = {}): Promise<FeishuSink> {
  const token = randomUUID();
  const secret = options.signed ? randomBytes(16).toString('hex') : undefined;
  const scale = options.windowScale ?? 1;
  const refuse = (code: number, msg: string, violation: string): Verdict => ({
    ok: false,
    answer: json200({ code, msg, data: {} }),
    violation,
  });
  const verify = (request: SinkRequest): Verdict => {
    if (Buffer.byteLength(request.raw) > MAX_BODY_BYTES)
      return refuse(9499, 'request body too large', `body of ${Buffer.byteLength(request.raw)} bytes`);
    const body = request.json as
      | { timestamp?: unknown; sign?: unknown; msg_type?: unknown; card?: { elements?: unknown } }
      | undefined;
    if (secret !== undefined) {
      const timestamp = typeof body?.timestamp === 'string' ? body.timestamp : '';
      if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > CLOCK_WINDOW_S)
        return refuse(
          19021,
          'sign match fail or timestamp is not within one hour from current time',
          `timestamp "${timestamp}" out of window`,
        );
      const expected = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
      if (body?.sign !== expected)
        return refuse(
          19021,
          'sign match fail or timestamp is not within one hour from current time',
          'signature mismatch',
        );
    }
    if (body?.msg_type !== 'interactive' || !Array.isArray(body.card?.elements))
      return refuse(19002, 'params error, msg_type need', 'not an interactive card');
    return { ok: true };
  };
  const tooMany = json200({ code: 9499, msg: 'too many request', data: {} });
  const sink = await startHttpSink({
    ...(options.port === undefined ? {} : { port: options.port }),
    accepts: (request) => request.url === `/open-apis/bot/v2/hook/${token}`,
    notFound: json200({ code: 19001, msg: 'param invalid: incoming webhook access token invalid', data: {} }),
    verify,
    limits: [
      { count: 5, windowMs: 1000 * scale, answer: tooMany },
      { count: 100, windowMs: 60_000 * scale, answer: tooMany },
    ],
    success: json200({ code: 0, msg: 'success', data: {} }),
    what: 'Feishu posts',
  });
  return Object.assign(sink, { webhookUrl: `${sink.url}/open-apis/bot/v2/hook/${token}`, secret });
}
