import type { Redis } from 'ioredis';
import type { Config } from '../config/index.js';
import { watchesOf } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import type { EmailNotifier } from '../notifiers/index.js';
import { DigestBuffer, SnapshotStore } from '../store/index.js';
import type { DigestDeps } from './digest-worker.js';

/** What sending a digest needs, for the digest worker and the `digest --now` command alike. */
export function digestDeps(
  config: Config,
  redis: Redis,
  mailers: ReadonlyMap<string, EmailNotifier>,
  logger: Logger,
): DigestDeps {
  const { prefix } = config.redis;
  return {
    digests: config.digests,
    mailers,
    subjectPrefix: (digest) => {
      const channel = config.channels[config.digests[digest]?.channel ?? ''];
      return channel?.type === 'email' ? channel.subjectPrefix : '[dashwatch]';
    },
    buffer: new DigestBuffer(redis, prefix),
    store: new SnapshotStore(redis, prefix),
    watches: watchesOf(config),
    timeZone: config.timeZone,
    logger,
  };
}
