import type { Config } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import { createNotifier, type EmailNotifier } from '../notifiers/index.js';
import type { FlushChannel } from './flush-worker.js';

/** Every configured channel as the flush worker drives it, and the email ones for digests. */
export function buildChannels(config: Config, logger: Logger) {
  const channels = new Map<string, FlushChannel>();
  const mailers = new Map<string, EmailNotifier>();
  for (const [name, channel] of Object.entries(config.channels)) {
    const notifier = createNotifier(name, channel, { logger });
    if (channel.type === 'slack') {
      channels.set(name, {
        notifier,
        batchSize: channel.maxJobsPerMessage,
        minIntervalMs: channel.minInterval,
        groupWaitMs: channel.groupWait,
        destination: channel.webhookUrl,
      });
    } else {
      mailers.set(name, notifier as EmailNotifier);
      channels.set(name, {
        notifier,
        batchSize: channel.maxJobsPerMessage,
        minIntervalMs: channel.minInterval,
        groupWaitMs: channel.groupWait,
        destination: `${channel.smtpUrl} ${channel.to.join(',')}`,
      });
    }
  }
  return { channels, mailers };
}
