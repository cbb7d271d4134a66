import type { Config } from '../config/index.js';
import { watchesOf } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import { type Engine, startEngine } from '../queue/index.js';
import { cycleSettingsOf } from './settings.js';

/** Everything one dashwatch process runs. */
export interface Daemon {
  readonly engine: Engine;
  stop(timeoutMs?: number): Promise<void>;
}

/** Starts the daemon's parts for `config`; the CLI's `start` and `demo` both run this. */
export async function startDaemon(config: Config, logger: Logger): Promise<Daemon> {
  const engine = await startEngine({
    redisUrl: config.redis.url,
    prefix: config.redis.prefix,
    watches: watchesOf(config),
    settings: cycleSettingsOf(config),
    logger,
    concurrency: config.polling.concurrency,
    requestTimeoutMs: config.polling.requestTimeout,
    ...(config.heartbeatUrl === undefined ? {} : { heartbeatUrl: config.heartbeatUrl }),
  });
  return {
    engine,
    stop: (timeoutMs) => engine.stop(timeoutMs),
  };
}
