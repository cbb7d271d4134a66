import { DashwatchError } from '../core/errors.js';
import { DashScopeError } from '../dashscope/dashscope-error.js';
import type { CycleError } from '../store/index.js';

/** What a failed cycle reports: safe to log and to put in a `watch_failing` event (no secret). */
export function describeCycleError(error: unknown): CycleError {
  if (error instanceof DashScopeError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
      ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    };
  }
  if (error instanceof DashwatchError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: error.name, message: error.message };
  return { code: 'Error', message: String(error) };
}

/**
 * Failures no number of retries will fix, announced at once: a revoked or wrong-region key (401/403),
 * a list longer than a cycle may read.
 */
export function failsForGood(error: CycleError): boolean {
  return error.httpStatus === 401 || error.httpStatus === 403 || error.code === 'PageLimit';
}
