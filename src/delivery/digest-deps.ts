import { randomUUID } from 'node:crypto';
import type { Config } from '../config/index.js';
import { watchesOf } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import type { Channel } from '../notifiers/index.js';
import type { RedisClient } from '../redis/client.js';
import { DeliveryStore, DigestBuffer, SnapshotStore } from '../store/index.js';
import { buildChannels, closeChannels } from './channels.js';
import { type DigestDeps, type DigestOutcome, sendDigest } from './digest-send.js';

/** What sending a digest needs, from the configuration. */
export function digestDeps(
  config: Config,
  redis: RedisClient,
  channels: ReadonlyMap<string, Channel>,
  logger: Logger,
): DigestDeps {
  const { prefix } = config.redis;
  return {
    digests: config.digests,
    channels,
    buffer: new DigestBuffer(redis, prefix),
    store: new SnapshotStore(redis, prefix),
    delivery: new DeliveryStore(redis, prefix),
    watches: watchesOf(config),
    timeZone: config.timeZone,
    logger,
  };
}

/**
 * Sends digest `name` now, outside its schedule (`digest --now`, the demo): everything since the last
 * one sent. A one-off send is not retried, so on failure it lets go of its window for the scheduled
 * digest to send.
 */
export async function sendDigestNow(
  config: Config,
  redis: RedisClient,
  name: string,
  logger: Logger,
  signal: AbortSignal,
): Promise<DigestOutcome> {
  const channels = buildChannels(config, logger);
  const deps = digestDeps(config, redis, channels, logger);
  const owner = `manual-${randomUUID()}`;
  try {
    return await sendDigest(deps, name, owner, { force: true, signal }).catch(async (error: unknown) => {
      await deps.buffer.release(name, owner);
      throw error;
    });
  } finally {
    await closeChannels(channels);
  }
}
