import { DashwatchError } from '../core/errors.js';

/** The store was used against its contract (a bug, not a Redis failure): never worth retrying. */
export class StoreError extends DashwatchError {
  override readonly name = 'StoreError';

  constructor(message: string) {
    super(message, { code: 'StoreMisuse', retryable: false });
  }
}
