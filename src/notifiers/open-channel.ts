import { setTimeout as sleep } from 'node:timers/promises';
import { deadline } from '../core/deadline.js';
import type { Locale } from '../core/locale.js';
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
import { memoryThreads, type ThreadStore } from './threads.js';

/**
 * A configured channel of `descriptor`'s type: renders, paces and resumes its messages the same way
 * for every type. Rendering is deterministic, so a retried batch skips exactly the messages the
 * receiver already has. The transport opens on the first message.
 */
export function openChannel<C extends ChannelConfigBase, M>(
  descriptor: ChannelDescriptor<string, C, M>,
  name: string,
  config: C,
  deps: ChannelDeps,
): Channel {
  const sendTimeoutMs = deps.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const logger = deps.logger.child({ channel: name, channelType: descriptor.type });
  const ctx = { channel: name, locale: config.locale ?? deps.locale ?? 'en' };
  let sender: Promise<ChannelSender<M>> | undefined;
  const transport = () => {
    sender ??= descriptor
      .open(name, config, { logger, threads: deps.threads ?? memoryThreads() })
      .catch((error: unknown) => {
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
      await sendWithin(sendTimeoutMs, signal, name, (bounded) => out.send(message, bounded));
      await progress?.messageSent();
      logger.debug({ part: index + 1, parts: messages.length }, 'message sent');
    }
  };

  return {
    type: descriptor.type,
    silenceable: descriptor.defaultRouting !== 'everything',
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

/** How long one message may take, connecting included, unless the configuration says otherwise. */
export const DEFAULT_SEND_TIMEOUT_MS = 30_000;

/** What opening a channel may use besides its config. */
export interface ChannelDeps {
  logger: Logger;
  /** The deadline of one message (`delivery.sendTimeout`). */
  sendTimeoutMs?: number;
  /** The configuration's language (`locale`, `DASHWATCH_LOCALE`), for channels without their own. */
  locale?: Locale;
  /** Where threads are remembered (Redis in the daemon); by default, for as long as the process runs. */
  threads?: ThreadStore;
}

/**
 * Sends under a deadline that fires whatever the transport does: a receiver that accepts the
 * connection and never answers is a retryable failure, and the channel moves on.
 */
async function sendWithin(
  ms: number,
  signal: AbortSignal,
  channel: string,
  send: (bounded: AbortSignal) => Promise<void>,
): Promise<void> {
  const limit = deadline(ms, signal);
  try {
    await send(limit.signal);
  } catch (error) {
    if (!limit.timedOut) throw error;
    throw new NotifyError({ channel, retryable: true, detail: `no answer within ${ms} ms`, code: 'timeout' });
  } finally {
    limit.dispose();
  }
}

async function pause(channel: string, ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    throw new NotifyError({ channel, retryable: true, detail: 'send aborted', code: 'aborted' });
  }
}
