import { z } from 'zod';
import { httpUrl, pacingFields } from '../../config/fields.js';
import { defineChannel } from '../channel.js';
import { urlSecrets } from '../http/index.js';
import { wordsFor } from '../render/index.js';
import { type FeishuPayload, renderFeishuDigest, renderFeishuEvents } from './feishu-card.js';
import { classifyFeishu } from './feishu-errors.js';

export {
  type CardColour,
  colourOf,
  FEISHU_MAX_BYTES,
  type FeishuPayload,
  renderFeishuDigest,
  renderFeishuEvents,
} from './feishu-card.js';
export { classifyFeishu } from './feishu-errors.js';
export { feishuSign } from './sign.js';

export const feishuChannelSchema = z.strictObject({
  type: z.literal('feishu'),
  /** Feishu's `https://open.feishu.cn/open-apis/bot/v2/hook/…` or Lark's `https://open.larksuite.com/…`. */
  webhookUrl: httpUrl({ query: false }).superRefine((value, ctx) => {
    if (URL.canParse(value) && !/\/open-apis\/bot\/v2\/hook\/[^/]+$/.test(new URL(value).pathname))
      ctx.addIssue({
        code: 'custom',
        message: 'must be a custom bot webhook (https://open.feishu.cn/open-apis/bot/v2/hook/…)',
      });
  }),
  /** The bot's signing secret (签名校验). */
  secret: z
    .string()
    .regex(/^[0-9A-Za-z]{8,}$/, 'must be the bot signing secret (letters and digits)')
    .optional(),
  // 100 a minute and 5 a second per bot: one every 600 ms keeps within both.
  ...pacingFields({ minInterval: 600, maxJobsPerMessage: 10, maxJobsPerMessageLimit: 40 }),
});
export type FeishuChannelConfig = z.infer<typeof feishuChannelSchema>;

/**
 * A Feishu or Lark custom bot (飞书自定义机器人): interactive cards coloured by outcome, signed in the
 * body when a secret is set, paced to Feishu's limits. The hook token and the secret are secrets.
 */
export const feishu = defineChannel({
  type: 'feishu',
  schema: feishuChannelSchema,
  env: {
    name: 'feishu',
    vars: { webhookUrl: 'FEISHU_WEBHOOK_URL', secret: 'FEISHU_SECRET' },
    when: ['webhookUrl'],
  },
  secretKeys: ['webhookUrl', 'secret'],
  secretValues: (config) => [
    ...urlSecrets(config.webhookUrl, { pathToken: true }),
    ...(config.secret ? [config.secret] : []),
  ],
  defaultRouting: 'chat',
  destination: (config) => config.webhookUrl,
  classify: classifyFeishu,
  renderEvents: (batch, config, ctx) =>
    renderFeishuEvents(batch, config.maxJobsPerMessage, wordsFor(ctx.locale)),
  renderDigest: (report, _config, ctx) => [renderFeishuDigest(report, wordsFor(ctx.locale))],
  async open(name, config) {
    const [{ postJson, requestFailure }, { feishuSign }] = await Promise.all([
      import('../http/index.js'),
      import('./sign.js'),
    ]);
    const secrets = [
      ...urlSecrets(config.webhookUrl, { pathToken: true }),
      ...(config.secret ? [config.secret] : []),
    ];
    return {
      async send(payload: FeishuPayload, signal: AbortSignal) {
        const timestamp = String(Math.floor(Date.now() / 1000));
        const body = config.secret
          ? { timestamp, sign: feishuSign(timestamp, config.secret), ...payload }
          : payload;
        const outcome = await postJson(config.webhookUrl, JSON.stringify(body), {}, signal);
        if ('error' in outcome) throw requestFailure(name, 'Feishu', outcome.error, signal.aborted);
        const failure = classifyFeishu(name, outcome.answer, secrets);
        if (failure) throw failure;
      },
    };
  },
});
