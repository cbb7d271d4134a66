import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../core/logger.js';
import { scrubDeep } from '../core/secrets.js';
import type { DashwatchEvent } from '../core/types.js';
import type {
  Channel,
  ChannelConfigBase,
  ChannelDescriptor,
  ChannelSender,
  SendProgress,
} from './channel.js';
import type { DigestReport } from './digest-report.js';
import { NotifyError } from './notify-error.js';

/**
 * A configured channel of `descriptor`'s type: renders, paces and resumes its messages the same way
 * for every type. Rendering is deterministic, so a retried batch skips exactly the messages the
 * receiver already has. The transport opens on the first message.
 */
export function openChannel<C extends ChannelConfigBase, M>(
  descriptor: ChannelDescriptor<string, C, M>,
  name: string,
  config: C,
  deps: { logger: Logger },
): Channel {
  const logger = deps.logger.child({ channel: name, channelType: descriptor.type });
  const ctx = { channel: name };
  let sender: Promise<ChannelSender<M>> | undefined;
  const transport = () => {
    sender ??= descriptor.open(name, config, { logger }).catch((error: unknown) => {
      sender = undefined;
      throw error;
    });
    return sender;
  };

  const deliver = async (messages: readonly M[], signal: AbortSignal, progress?: SendProgress) => {
    const out = await transport();
    for (const [index, message] of messages.entries()) {
      if (index < (progress?.alreadySent ?? 0)) continue;
      if (progress) await progress.beforeMessage();
      else if (index > 0 && config.minInterval > 0) await pause(name, config.minInterval, signal);
      await out.send(message, signal);
      await progress?.messageSent();
      logger.debug({ part: index + 1, parts: messages.length }, 'message sent');
    }
  };

  return {
    type: descriptor.type,
    name,
    config,
    destination: descriptor.destination(config),
    async send(batch: readonly DashwatchEvent[], signal: AbortSignal, progress?: SendProgress) {
      if (batch.length === 0) return;
      // API text may carry a secret a peer echoed: none reaches a receiver.
      await deliver(descriptor.renderEvents(scrubDeep(batch), config, ctx), signal, progress);
    },
    async sendDigest(report: DigestReport, signal: AbortSignal, progress?: SendProgress) {
      await deliver(descriptor.renderDigest(scrubDeep(report), config, ctx), signal, progress);
    },
    async prepare() {
      await transport();
    },
    async close() {
      const opened = sender;
      sender = undefined;
      await (await opened?.catch(() => undefined))?.close?.();
    },
  };
}

async function pause(channel: string, ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throw new NotifyError({ channel, retryable: true, detail: 'send aborted', code: 'aborted' });
  }
}
