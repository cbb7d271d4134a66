import { z } from 'zod';
import { httpUrl, pacingFields } from '../../config/fields.js';
import { defineChannel } from '../channel.js';
import { wordsFor } from '../render/index.js';
import { renderSlackDigest } from './slack-digest.js';
import { classifySlackResponse, slackRequestError } from './slack-errors.js';
import { renderSlackMessages, type SlackPayload } from './slack-message.js';

export { SECTION_MAX } from './event-lines.js';
export { renderSlackDigest } from './slack-digest.js';
export { classifySlackResponse, type SlackResponse } from './slack-errors.js';
export {
  HEADER_MAX,
  MAX_BLOCKS,
  renderSlackMessages,
  type SlackBlock,
  type SlackPayload,
  type SlackRenderOptions,
} from './slack-message.js';

export const slackChannelSchema = z.strictObject({
  type: z.literal('slack'),
  webhookUrl: httpUrl({ query: false }),
  // Slack allows about one message per second per webhook.
  ...pacingFields({ minInterval: 1000, maxJobsPerMessage: 20, maxJobsPerMessageLimit: 40 }),
  consoleUrl: httpUrl().optional(),
});
export type SlackChannelConfig = z.infer<typeof slackChannelSchema>;

/**
 * A Slack incoming webhook. Block Kit messages with a plain-text fallback; a batch too big for one
 * message goes out as several. The webhook URL is a secret: it appears in no error and no log line.
 */
export const slack = defineChannel({
  type: 'slack',
  schema: slackChannelSchema,
  env: { name: 'slack', vars: { webhookUrl: 'SLACK_WEBHOOK_URL' }, when: ['webhookUrl'] },
  secretKeys: ['webhookUrl'],
  secretValues: (config) => webhookSecrets(config.webhookUrl),
  defaultRouting: 'chat',
  destination: (config) => config.webhookUrl,
  classify: classifySlackResponse,
  renderEvents: (batch, config, ctx) =>
    renderSlackMessages(batch, {
      maxJobsPerMessage: config.maxJobsPerMessage,
      words: wordsFor(ctx.locale),
      ...(config.consoleUrl === undefined ? {} : { consoleUrl: config.consoleUrl }),
    }),
  renderDigest: (report, _config, ctx) => [renderSlackDigest(report, wordsFor(ctx.locale))],
  async open(name, config) {
    // Loaded here, not at the top: only processes that post to Slack carry the webhook library.
    const { postToWebhook } = await import('./webhook-post.js');
    const secrets = webhookSecrets(config.webhookUrl);
    return {
      async send(payload: SlackPayload, signal: AbortSignal) {
        const outcome = await postToWebhook(config.webhookUrl, payload, signal);
        if ('error' in outcome) throw slackRequestError(name, outcome.error, signal.aborted);
        const failure = classifySlackResponse(name, outcome.response, secrets);
        if (failure) throw failure;
      },
    };
  },
});

/** The URL and its token path in every form a reply or error could echo them. */
function webhookSecrets(url: string): string[] {
  const secrets = [url];
  try {
    const parsed = new URL(url);
    const token = parsed.pathname.split('/').at(-1);
    secrets.push(parsed.pathname, ...(token ? [token] : []));
  } catch {
    // zod validated it as a URL; the whole string is covered anyway.
  }
  return secrets;
}
