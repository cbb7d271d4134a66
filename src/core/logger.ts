import { type DestinationStream, type Logger, pino } from 'pino';
import { scrubSecrets } from './secrets.js';

export type { Logger } from 'pino';

/**
 * Paths whose values are secrets wherever they appear in a log line's fields. Channel types add their
 * own secret keys (see `channelSecretPaths`), passed in as `redact`.
 */
export const REDACT_PATHS = [
  'apiKey',
  '*.apiKey',
  '*.*.apiKey',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'password',
  '*.password',
  '*.*.password',
  'pass',
  '*.pass',
  '*.auth.pass',
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to capture them. */
  destination?: DestinationStream;
  /** More secret paths, beyond `REDACT_PATHS`. */
  redact?: readonly string[];
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: 'dashwatch',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: [...REDACT_PATHS, ...(options.redact ?? [])], censor: '[redacted]' },
      base: { pid: process.pid },
      // The last line of defence: every configured secret, by value, out of the finished line.
      hooks: { streamWrite: scrubSecrets },
    },
    options.destination,
  );
}
