import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type HttpSink, type SinkRequest, startHttpSink, type Verdict } from './http-sink.js';

/** A local Standard Webhooks receiver (tests and `dashwatch demo`). */
export interface WebhookSink extends HttpSink {
  /** Where to post events. */
  readonly webhookUrl: string;
  /** `whsec_…`: the secret the receiver verifies signatures with. */
  readonly secret: string;
}

/** Receivers reject timestamps further than this from their clock. */
const TOLERANCE_S = 5 * 60;

/**
 * Verifies what a Standard Webhooks receiver verifies: `webhook-id`, `webhook-timestamp` within five
 * minutes, and a `v1` signature (of several, space-separated) that matches HMAC-SHA256 of
 * `id.timestamp.body` under the secret; a JSON body. Refusals answer 400/401. Scripted answers
 * (500, 429, 408, …) stand for a receiver in trouble.
 */
export async function startWebhookSink(options: { port?: number } = {}): Promise<WebhookSink> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const refuse = (status: number, violation: string): Verdict => ({
    ok: false,
    answer: { status, body: violation },
    violation,
  });
  const verify = (request: SinkRequest): Verdict => {
    const id = request.headers['webhook-id'];
    const timestamp = request.headers['webhook-timestamp'];
    const signatures = request.headers['webhook-signature'];
    if (typeof id !== 'string' || id === '') return refuse(400, 'no webhook-id');
    if (typeof timestamp !== 'string' || !/^\d+$/.test(timestamp)) return refuse(400, 'no webhook-timestamp');
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_S)
      return refuse(401, `webhook-timestamp ${timestamp} out of tolerance`);
    if (typeof signatures !== 'string') return refuse(401, 'no webhook-signature');
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.raw}`).digest();
    const matches = signatures.split(' ').some((signature) => {
      const [version, value] = signature.split(',');
      const given = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!matches) return refuse(401, 'signature mismatch');
    if (request.json === undefined) return refuse(400, 'body is not JSON');
    return { ok: true };
  };
  const sink = await startHttpSink({
    ...(options.port === undefined ? {} : { port: options.port }),
    accepts: (request) => request.url === '/hooks/dashwatch',
    notFound: { status: 404, body: 'not found' },
    verify,
    limits: [],
    success: { status: 204, body: '' },
    what: 'webhook deliveries',
  });
  return Object.assign(sink, { webhookUrl: `${sink.url}/hooks/dashwatch`, secret });
}
