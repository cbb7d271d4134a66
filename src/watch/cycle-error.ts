import { DashScopeError } from '../dashscope/index.js';
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
  if (error instanceof Error) return { code: error.name, message: error.message };
  return { code: 'Error', message: String(error) };
}

/** 401/403: a revoked or wrong-region key; no number of retries will help, so say so at once. */
export function isAccessDenied(error: CycleError): boolean {
  return error.httpStatus === 401 || error.httpStatus === 403;
}
