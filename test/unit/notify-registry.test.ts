import { describe, expect, it } from 'vitest';
import { emailChannelSchema, slackChannelSchema } from '../../src/config/schema.js';
import { createNotifier } from '../../src/notifiers/index.js';
import { capturingLogger } from '../support/notify-fixtures.js';

describe('createNotifier', () => {
  const { logger } = capturingLogger();

  it('builds the notifier of each channel type', async () => {
    const slack = createNotifier(
      'alerts',
      slackChannelSchema.parse({ type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/x' }),
      { logger },
    );
    const email = createNotifier(
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
    await email.close?.();
  });

  it('sends nothing for an empty batch', async () => {
    const slack = createNotifier(
      'alerts',
      slackChannelSchema.parse({ type: 'slack', webhookUrl: 'http://127.0.0.1:1/never' }),
      { logger },
    );
    await expect(slack.send([], AbortSignal.timeout(1000))).resolves.toBeUndefined();
  });
});
