import { DashwatchError } from '../core/errors.js';

/** The API has no job with this id (404 NotFound, or a checkpoint its fine-tune does not list). */
export class JobNotFoundError extends DashwatchError {
  override readonly name = 'JobNotFoundError';

  constructor(label: string, id: string) {
    super(`no ${label.toLowerCase()} with id ${id} on this account`, {
      code: 'NotFound',
      retryable: false,
      context: { jobId: id },
    });
  }
}
