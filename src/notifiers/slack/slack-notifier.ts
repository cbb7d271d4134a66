import { setTimeout as sleep } from 'node:timers/promises';
import type { SlackChannelConfig } from '../../config/schema.js';
import type { DashwatchEvent } from '../../core/types.js';
import type { Notifier, NotifierDeps, SendProgress } from '../notifier.js';
import { classifySlackResponse, slackRequestError } from './slack-errors.js';
import { renderSlackMessages } from './slack-message.js';
import { postToWebhook } from './webhook-post.js';

/**
 * A Slack incoming-webhook channel. A batch too big for one message goes out as several, spaced by
 * `minInterval` (Slack allows about one post per second per webhook). The webhook URL is a secret:
 * it appears in no error and no log line.
 */
export function createSlackNotifier(name: string, config: SlackChannelConfig, deps: NotifierDeps): Notifier {
  const logger = deps.logger.child({ channel: name, channelType: 'slack' });
  const url = config.webhookUrl;
  const secrets = webhookSecrets(url);
  const renderOptions = {
    maxJobsPerMessage: config.maxJobsPerMessage,
    ...(config.consoleUrl === undefined ? {} : { consoleUrl: config.consoleUrl }),
  };

  return {
    type: 'slack',
    name,
    async send(
      batch: readonly DashwatchEvent[],
      signal: AbortSignal,
      progress?: SendProgress,
    ): Promise<void> {
      if (batch.length === 0) return;
      const payloads = renderSlackMessages(batch, renderOptions);
      // Rendering is deterministic, so a retried batch skips exactly the parts Slack already has.
      for (const [index, payload] of payloads.entries()) {
        if (index < (progress?.alreadySent ?? 0)) continue;
        if (progress) await progress.beforeMessage();
        else if (index > 0 && config.minInterval > 0) await pause(name, config.minInterval, signal);
        const outcome = await postToWebhook(url, payload, signal);
        if ('error' in outcome) throw slackRequestError(name, outcome.error, signal.aborted);
        const failure = classifySlackResponse(name, outcome.response, secrets);
        if (failure) throw failure;
        await progress?.messageSent();
        logger.debug(
          { part: index + 1, parts: payloads.length, blocks: payload.blocks.length },
          'slack message posted',
        );
      }
    },
  };
}

async function pause(channel: string, ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    throw slackRequestError(channel, error, true);
  }
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
