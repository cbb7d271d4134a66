import { DashwatchError } from '../core/errors.js';

/** The HTTP server would be open to the network without a token: the daemon refuses to start. */
export class ServerAccessError extends DashwatchError {
  override readonly name = 'ServerAccessError';

  constructor(problem: string) {
    super(problem, { code: 'ServerTokenRequired', retryable: false });
  }
}
