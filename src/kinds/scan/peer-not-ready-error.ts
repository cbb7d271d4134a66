import { DashwatchError } from '../../core/errors.js';
import type { JobKind } from '../../core/types.js';

/**
 * A watch that builds on another watch of the same account (checkpoints on fine-tunes) before that
 * one has its baseline: not a failure, just too early. The cycle commits nothing and tries again.
 */
export class PeerNotReadyError extends DashwatchError {
  override readonly name = 'PeerNotReadyError';

  constructor(readonly peer: JobKind) {
    super(`waiting for the ${peer} watch's first cycle`, { code: 'PeerNotReady', retryable: true });
  }
}
