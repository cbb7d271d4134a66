import type { Config } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import { type Channel, createChannel, type ThreadStore } from '../notifiers/index.js';

/** Every configured channel, by name, ready to deliver (transports open on their first message). */
export function buildChannels(config: Config, logger: Logger, threads?: ThreadStore): Map<string, Channel> {
  return new Map(
    Object.entries(config.channels).map(([name, channel]) => [
      name,
      createChannel(name, channel, {
        logger,
        sendTimeoutMs: config.delivery.sendTimeout,
        locale: config.locale,
        ...(threads ? { threads } : {}),
      }),
    ]),
  );
}

/** Closes every channel's transport. */
export async function closeChannels(channels: ReadonlyMap<string, Channel>): Promise<void> {
  await Promise.all([...channels.values()].map((channel) => channel.close()));
}
