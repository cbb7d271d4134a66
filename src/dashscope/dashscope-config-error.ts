import { DashwatchError } from '../core/errors.js';

/** Raised when a client is configured with an unknown region or an unusable base URL. */
export class DashScopeConfigError extends DashwatchError {
  override readonly name = 'DashScopeConfigError';

  constructor(message: string) {
    super(message, { code: 'DashScopeConfig', retryable: false });
  }
}
