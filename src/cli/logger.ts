import { createLogger, type Logger } from '../core/logger.js';
import { channelSecretPaths } from '../notifiers/index.js';

/** A command's logger: the level from LOG_LEVEL, every channel type's secret keys redacted. */
export function commandLogger(
  env: NodeJS.ProcessEnv,
  defaultLevel: string,
  destination?: NodeJS.WritableStream,
): Logger {
  return createLogger({
    level: env.LOG_LEVEL ?? defaultLevel,
    redact: channelSecretPaths(),
    ...(destination === undefined ? {} : { destination: destination as never }),
  });
}
