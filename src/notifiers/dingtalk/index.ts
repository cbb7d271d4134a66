import { z } from 'zod';
import { duration, httpUrl, pacingFields } from '../../config/fields.js';
import { defineChannel } from '../channel.js';
import { urlSecrets } from '../http/index.js';
import { wordsFor } from '../render/index.js';
import { classifyDingtalk } from './dingtalk-errors.js';
import { type DingtalkPayload, renderDingtalkDigest, renderDingtalkEvents } from './dingtalk-message.js';

export { classifyDingtalk, type DingtalkOutcome } from './dingtalk-errors.js';
export {
  DINGTALK_MAX_BYTES,
  type DingtalkPayload,
  renderDingtalkDigest,
  renderDingtalkEvents,
} from './dingtalk-message.js';
export { dingtalkSign, signedUrl } from './sign.js';

/** DingTalk's limit per robot, in any window of `rateWindow`; more mutes the robot for 10 minutes. */
export const DINGTALK_MESSAGES_PER_WINDOW = 20;

export const dingtalkChannelSchema = z
  .strictObject({
    type: z.literal('dingtalk'),
    webhookUrl: httpUrl().superRefine((value, ctx) => {
      if (!URL.canParse(value)) return;
      const url = new URL(value);
      if (!url.pathname.endsWith('/robot/send') || !url.searchParams.get('access_token'))
        ctx.addIssue({
          code: 'custom',
          message: 'must be a robot webhook (https://oapi.dingtalk.com/robot/send?access_token=…)',
        });
    }),
    /** The robot's signing secret (security setting 加签), `SEC…`. */
    secret: z
      .string()
      .regex(/^SEC[0-9A-Za-z]{16,}$/, 'must be the robot signing secret (SEC followed by letters and digits)')
      .optional(),
    // 20 messages a minute: one every 3 s, counted from when DingTalk had the previous one.
    ...pacingFields({ minInterval: 3000, maxJobsPerMessage: 10, maxJobsPerMessageLimit: 40 }),
    /** The window DingTalk counts its 20 messages in. Shorter only behind a proxy with its own limit, or in tests. */
    rateWindow: duration(1000).default(60_000),
  })
  .superRefine((config, ctx) => {
    const least = Math.ceil(config.rateWindow / DINGTALK_MESSAGES_PER_WINDOW);
    if (config.minInterval < least)
      ctx.addIssue({
        code: 'custom',
        path: ['minInterval'],
        message: `must be at least ${least}ms: DingTalk mutes a robot for 10 minutes after ${DINGTALK_MESSAGES_PER_WINDOW} messages in ${config.rateWindow / 1000}s`,
      });
  });
export type DingtalkChannelConfig = z.infer<typeof dingtalkChannelSchema>;

/**
 * A DingTalk custom robot (钉钉自定义机器人): markdown posts, signed when a secret is set, paced to 20
 * a minute per robot across every process. The URL's access_token and the secret are secrets.
 */
export const dingtalk = defineChannel({
  type: 'dingtalk',
  schema: dingtalkChannelSchema,
  env: {
    name: 'dingtalk',
    vars: { webhookUrl: 'DINGTALK_WEBHOOK_URL', secret: 'DINGTALK_SECRET' },
    when: ['webhookUrl'],
  },
  secretKeys: ['webhookUrl', 'secret'],
  secretValues: (config) => [...urlSecrets(config.webhookUrl), ...(config.secret ? [config.secret] : [])],
  defaultRouting: 'chat',
  // The robot is its token: two URLs to one robot share its pace.
  destination: (config) => new URL(config.webhookUrl).searchParams.get('access_token') ?? config.webhookUrl,
  classify: classifyDingtalk,
  renderEvents: (batch, config, ctx) =>
    renderDingtalkEvents(batch, config.maxJobsPerMessage, wordsFor(ctx.locale)),
  renderDigest: (report, _config, ctx) => [renderDingtalkDigest(report, wordsFor(ctx.locale))],
  async open(name, config) {
    const [{ postJson, requestFailure }, { signedUrl }] = await Promise.all([
      import('../http/index.js'),
      import('./sign.js'),
    ]);
    const secrets = [...urlSecrets(config.webhookUrl), ...(config.secret ? [config.secret] : [])];
    return {
      async send(payload: DingtalkPayload, signal: AbortSignal) {
        const url = config.secret
          ? signedUrl(config.webhookUrl, config.secret, Date.now())
          : config.webhookUrl;
        const outcome = await postJson(url, JSON.stringify(payload), {}, signal);
        if ('error' in outcome) throw requestFailure(name, 'DingTalk', outcome.error, signal.aborted);
        const failure = classifyDingtalk(
          name,
          { answer: outcome.answer, rateWindowMs: config.rateWindow },
          secrets,
        );
        if (failure) throw failure;
      },
    };
  },
});
