import { z } from 'zod';
import { duration, httpUrl, pacingFields } from '../../config/fields.js';
import { defineChannel } from '../channel.js';
import { httpFailure, urlSecrets } from '../http/index.js';
import { digestMessage, eventMessage, type WebhookMessage } from './payload.js';

export {
  digestMessage,
  eventMessage,
  eventType,
  WEBHOOK_SCHEMA,
  type WebhookEnvelope,
  type WebhookMessage,
} from './payload.js';
export { secretKey, webhookHeaders, webhookSignature } from './sign.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const webhookChannelSchema = z.strictObject({
  type: z.literal('webhook'),
  url: httpUrl().superRefine((value, ctx) => {
    if (!URL.canParse(value)) return;
    const url = new URL(value);
    // Plain HTTP would carry every event in the clear: only to this machine.
    if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname))
      ctx.addIssue({ code: 'custom', message: 'must be an https:// URL (http:// only to 127.0.0.1)' });
  }),
  /** A Standard Webhooks secret: `whsec_` and base64 of 24 to 64 random bytes. */
  secret: z
    .string()
    .refine(
      (value) => {
        const body = value.replace(/^whsec_/, '');
        const bytes = Buffer.from(body, 'base64').length;
        return (
          value.startsWith('whsec_') && /^[A-Za-z0-9+/]+={0,2}$/.test(body) && bytes >= 24 && bytes <= 64
        );
      },
      { message: 'must be whsec_ followed by base64 of 24 to 64 bytes' },
    )
    .optional(),
  // One event per request, no pause: receivers are machines. A flush takes up to 20 events.
  ...pacingFields({ minInterval: 0, maxJobsPerMessage: 20, maxJobsPerMessageLimit: 500 }),
  /** How long an event is retried (5xx, 429, 408, timeouts) before it is given up. */
  retryFor: duration(1000).default(24 * 3_600_000),
});
export type WebhookChannelConfig = z.infer<typeof webhookChannelSchema>;

/**
 * A generic HTTPS webhook, the Standard Webhooks way: one JSON event per POST, signed when a secret is
 * set, with the event id as `webhook-id` on every retry so that the receiver can drop a duplicate. The
 * payload schema is versioned (docs/webhook.md).
 */
export const webhook = defineChannel({
  type: 'webhook',
  schema: webhookChannelSchema,
  env: { name: 'webhook', vars: { url: 'WEBHOOK_URL', secret: 'WEBHOOK_SECRET' }, when: ['url'] },
  secretKeys: ['secret'],
  secretValues: (config) => [...urlSecrets(config.url), ...(config.secret ? [config.secret] : [])],
  defaultRouting: 'everything',
  destination: (config) => config.url,
  classify: (channel, answer, secrets) => httpFailure(channel, 'the webhook receiver', answer, secrets),
  renderEvents: (batch) => batch.map(eventMessage),
  renderDigest: (report) => [digestMessage(report)],
  async open(name, config) {
    const [{ postJson, requestFailure }, { webhookHeaders }] = await Promise.all([
      import('../http/index.js'),
      import('./sign.js'),
    ]);
    const secrets = [...urlSecrets(config.url), ...(config.secret ? [config.secret] : [])];
    return {
      async send(message: WebhookMessage, signal: AbortSignal) {
        const headers = webhookHeaders(message.id, message.body, config.secret, Date.now());
        const outcome = await postJson(config.url, message.body, headers, signal);
        if ('error' in outcome)
          throw requestFailure(name, 'the webhook receiver', outcome.error, signal.aborted);
        const failure = httpFailure(name, 'the webhook receiver', outcome.answer, secrets);
        if (failure) throw failure;
      },
    };
  },
});
