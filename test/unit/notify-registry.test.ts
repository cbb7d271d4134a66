import { describe, expect, it } from 'vitest';
import { defaultRoutes } from '../../src/config/default-routes.js';
import { configFromEnv, ENV_KEYS } from '../../src/config/env-config.js';
import { emailChannelSchema } from '../../src/notifiers/email/index.js';
import {
  CHANNEL_TYPES,
  CHANNELS,
  channelSecretPaths,
  channelSecretValues,
  createChannel,
} from '../../src/notifiers/index.js';
import { slackChannelSchema } from '../../src/notifiers/slack/index.js';
import { capturingLogger } from '../support/notify-fixtures.js';

describe('the channel registry', () => {
  const { logger } = capturingLogger();

  it('builds a channel of each type, named and typed', async () => {
    const slack = createChannel(
      'alerts',
      slackChannelSchema.parse({ type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/x' }),
      { logger },
    );
    const email = createChannel(
      'mail',
      emailChannelSchema.parse({
        type: 'email',
        smtpUrl: 'smtp://127.0.0.1:1',
        from: 'a@b.c',
        to: ['ml@example.com'],
      }),
      { logger },
    );
    expect([slack.type, slack.name, email.type, email.name]).toEqual(['slack', 'alerts', 'email', 'mail']);
    await email.close();
  });

  it('sends nothing for an empty batch', async () => {
    const slack = createChannel(
      'alerts',
      slackChannelSchema.parse({ type: 'slack', webhookUrl: 'http://127.0.0.1:1/never' }),
      { logger },
    );
    await expect(slack.send([], AbortSignal.timeout(1000))).resolves.toBeUndefined();
  });

  it('has one descriptor per type, each env name and variable used once', () => {
    expect(new Set(CHANNEL_TYPES).size).toBe(CHANNELS.length);
    const names = CHANNELS.map((channel) => channel.env.name);
    expect(new Set(names).size).toBe(names.length);
    const vars = CHANNELS.flatMap((channel) => Object.values(channel.env.vars as Record<string, string>));
    expect(new Set(vars).size).toBe(vars.length);
  });

  it('derives env-only channels, their error names and their default routes from the descriptors', () => {
    const raw = configFromEnv({
      DASHSCOPE_API_KEY: 'sk-x',
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/x',
      EMAIL_TO: 'a@example.com, b@example.com',
      NOTIFY_GROUP_WAIT: '3s',
    });
    expect(raw.channels).toEqual({
      slack: { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/x', groupWait: '3s' },
      email: {
        type: 'email',
        from: 'dashwatch <dashwatch@localhost>',
        to: ['a@example.com', 'b@example.com'],
        groupWait: '3s',
      },
    });
    expect(ENV_KEYS['channels.email.smtpUrl']).toBe('SMTP_URL');
    expect(ENV_KEYS['channels.slack.groupWait']).toBe('NOTIFY_GROUP_WAIT');
    const routes = defaultRoutes({ a: { type: 'slack' }, b: { type: 'email' } }, {});
    expect(routes.map((route) => route.channels)).toEqual([['a'], ['a'], ['b'], ['b']]);
  });

  it('redacts every secret key by path and knows every form of a secret value', () => {
    expect(channelSecretPaths()).toEqual(expect.arrayContaining(['webhookUrl', '*.smtpUrl']));
    const secrets = channelSecretValues({
      s: slackChannelSchema.parse({
        type: 'slack',
        webhookUrl: 'https://hooks.slack.com/services/T/B/tok3n',
      }),
      m: emailChannelSchema.parse({
        type: 'email',
        smtpUrl: 'smtps://user:pa55word@mail.example.com',
        from: 'a@b.c',
        to: ['ops@example.com'],
      }),
    });
    expect(secrets).toEqual(expect.arrayContaining(['tok3n', 'pa55word']));
  });
});
