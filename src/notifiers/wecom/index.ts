import { z } from 'zod';
import { httpUrl, pacingFields } from '../../config/fields.js';
import { defineChannel } from '../channel.js';
import { urlSecrets } from '../http/index.js';
import { wordsFor } from '../render/index.js';
import { classifyWecom } from './wecom-errors.js';
import { renderWecomDigest, renderWecomEvents, type WecomPayload } from './wecom-message.js';

export { classifyWecom } from './wecom-errors.js';
export { renderWecomDigest, renderWecomEvents, WECOM_MAX_BYTES, type WecomPayload } from './wecom-message.js';

export const wecomChannelSchema = z.strictObject({
  type: z.literal('wecom'),
  webhookUrl: httpUrl().superRefine((value, ctx) => {
    if (!URL.canParse(value)) return;
    const url = new URL(value);
    if (!url.pathname.endsWith('/cgi-bin/webhook/send') || !url.searchParams.get('key'))
      ctx.addIssue({
        code: 'custom',
        message: 'must be a group robot webhook (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…)',
      });
  }),
  // 20 messages a minute per robot: one every 3 s.
  ...pacingFields({ minInterval: 3000, maxJobsPerMessage: 10, maxJobsPerMessageLimit: 40 }),
});
export type WecomChannelConfig = z.infer<typeof wecomChannelSchema>;

/**
 * A WeCom group robot (企业微信群机器人): markdown posts of at most 4,096 bytes, paced to 20 a minute.
 * WeCom has no signing: the URL's `key` is the secret.
 */
export const wecom = defineChannel({
  type: 'wecom',
  schema: wecomChannelSchema,
  env: { name: 'wecom', vars: { webhookUrl: 'WECOM_WEBHOOK_URL' }, when: ['webhookUrl'] },
  secretKeys: ['webhookUrl'],
  secretValues: (config) => urlSecrets(config.webhookUrl),
  defaultRouting: 'chat',
  destination: (config) => new URL(config.webhookUrl).searchParams.get('key') ?? config.webhookUrl,
  classify: classifyWecom,
  renderEvents: (batch, config, ctx) =>
    renderWecomEvents(batch, config.maxJobsPerMessage, wordsFor(ctx.locale)),
  renderDigest: (report, _config, ctx) => [renderWecomDigest(report, wordsFor(ctx.locale))],
  async open(name, config) {
    const { postJson, requestFailure } = await import('../http/index.js');
    const secrets = urlSecrets(config.webhookUrl);
    return {
      async send(payload: WecomPayload, signal: AbortSignal) {
        const outcome = await postJson(config.webhookUrl, JSON.stringify(payload), {}, signal);
        if ('error' in outcome) throw requestFailure(name, 'WeCom', outcome.error, signal.aborted);
        const failure = classifyWecom(name, outcome.answer, secrets);
        if (failure) throw failure;
      },
    };
  },
});
