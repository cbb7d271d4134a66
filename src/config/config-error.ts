import { DashwatchError } from '../core/errors.js';

/**
 * Bad configuration: every problem found, each as `key.path: what is wrong`. The CLI prints one line
 * per problem and exits 2; no stack trace, no secret (values are never echoed).
 */
export class ConfigError extends DashwatchError {
  override readonly name = 'ConfigError';

  constructor(
    readonly problems: readonly string[],
    readonly source: string,
  ) {
    super(`invalid configuration (${source}):\n${problems.map((p) => `  ${p}`).join('\n')}`, {
      code: 'ConfigInvalid',
      retryable: false,
    });
  }
}
