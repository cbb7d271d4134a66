import { z } from 'zod';
import { httpUrl, pacingFields, unlessMissing } from '../../config/fields.js';
import { defineChannel } from '../channel.js';
import { wordsFor } from '../render/index.js';
import { renderSlackApp, type SlackMessage } from './app-message.js';
import { renderSlackDigest } from './slack-digest.js';
import { classifySlackResponse, slackRequestError } from './slack-errors.js';
import { renderSlackMessages } from './slack-message.js';

export { isThreadOp, renderSlackApp, type SlackMessage, type SlackThreadOp } from './app-message.js';
export { SECTION_MAX } from './event-lines.js';
export { classifySlackApiResponse } from './slack-api-errors.js';
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

export const slackChannelSchema = z
  .strictObject({
    type: z.literal('slack'),
    /** Webhook mode: one new message per batch. */
    webhookUrl: httpUrl({ query: false }).optional(),
    /** App mode (with `channel`): a thread per job, its root updated in place. */
    botToken: z
      .string()
      .regex(/^xox[a-z]-[A-Za-z0-9-]+$/, { error: unlessMissing('must be a Slack token (xoxb-…)') })
      .optional(),
    /** App mode: the channel's name (`#ml-jobs`) or id (`C0…`). */
    channel: z.string().min(1).optional(),
    /** App mode: the Web API's base URL (a proxy, a test sink). */
    apiUrl: httpUrl({ query: false }).default('https://slack.com/api'),
    /** App mode: a batch naming more jobs than this is one summary message instead of threads. */
    burst: z.number().int().min(1).max(100).default(5),
    // Slack allows about one message per second per webhook and per channel.
    ...pacingFields({ minInterval: 1000, maxJobsPerMessage: 20, maxJobsPerMessageLimit: 40 }),
    consoleUrl: httpUrl().optional(),
  })
  .superRefine((config, ctx) => {
    const app = config.botToken !== undefined || config.channel !== undefined;
    if (config.webhookUrl !== undefined && app)
      ctx.addIssue({
        code: 'custom',
        path: ['webhookUrl'],
        message: 'set webhookUrl or botToken + channel, not both',
      });
    else if (!app && config.webhookUrl === undefined)
      ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'is required (or botToken + channel)' });
    else if (app && config.botToken === undefined)
      ctx.addIssue({ code: 'custom', path: ['botToken'], message: 'is required with channel' });
    else if (app && config.channel === undefined)
      ctx.addIssue({ code: 'custom', path: ['channel'], message: 'is required with botToken' });
  });
export type SlackChannelConfig = z.infer<typeof slackChannelSchema>;

/**
 * Slack, in one of two modes. Webhook mode (`webhookUrl`): Block Kit messages with a plain-text
 * fallback, a batch too big for one message as several. App mode (`botToken` + `channel`): a thread
 * per job through the Web API, its root updated in place (see app-sender.ts). The webhook URL and the
 * token are secrets: they appear in no error and no log line.
 */
export const slack = defineChannel({
  type: 'slack',
  schema: slackChannelSchema,
  env: {
    name: 'slack',
    vars: {
      webhookUrl: 'SLACK_WEBHOOK_URL',
      botToken: 'SLACK_BOT_TOKEN',
      channel: 'SLACK_CHANNEL',
      apiUrl: 'SLACK_API_URL',
    },
    when: ['webhookUrl', 'botToken'],
  },
  secretKeys: ['webhookUrl', 'botToken'],
  secretValues: secretsOf,
  defaultRouting: 'chat',
  routingOf: (config) => (config.botToken === undefined ? 'chat' : 'threads'),
  destination: (config) => config.webhookUrl ?? `${config.apiUrl}#${config.channel}`,
  classify: classifySlackResponse,
  renderEvents: (batch, config, ctx): SlackMessage[] => {
    const options = {
      maxJobsPerMessage: config.maxJobsPerMessage,
      words: wordsFor(ctx.locale),
      ...(config.consoleUrl === undefined ? {} : { consoleUrl: config.consoleUrl }),
    };
    return config.botToken === undefined
      ? renderSlackMessages(batch, options)
      : renderSlackApp(batch, { ...options, burst: config.burst });
  },
  renderDigest: (report, _config, ctx): SlackMessage[] => [renderSlackDigest(report, wordsFor(ctx.locale))],
  async open(name, config, { threads }) {
    const secrets = secretsOf(config);
    if (config.botToken !== undefined && config.channel !== undefined) {
      const { slackAppSender } = await import('./app-sender.js');
      const settings = { apiUrl: config.apiUrl, botToken: config.botToken, channel: config.channel, secrets };
      return slackAppSender(name, settings, threads);
    }
    const url = config.webhookUrl ?? '';
    // Loaded here, not at the top: only processes that post to a webhook carry the webhook library.
    const { postToWebhook } = await import('./webhook-post.js');
    return {
      async send(message: SlackMessage, signal: AbortSignal) {
        const outcome = await postToWebhook(url, message, signal);
        if ('error' in outcome) throw slackRequestError(name, outcome.error, signal.aborted);
        const failure = classifySlackResponse(name, outcome.response, secrets);
        if (failure) throw failure;
      },
    };
  },
});

function secretsOf(config: SlackChannelConfig): string[] {
  return [
    ...(config.webhookUrl === undefined ? [] : webhookSecrets(config.webhookUrl)),
    ...(config.botToken === undefined ? [] : [config.botToken]),
  ];
}

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
