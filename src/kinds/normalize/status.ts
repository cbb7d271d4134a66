import type { JobStatus } from '../../core/types.js';

// The API's spellings (shared/API.md "Statuses"); import jobs say `SUCCESSED`.
const STATUS_BY_SPELLING: ReadonlyMap<string, JobStatus> = new Map<string, JobStatus>([
  ['PENDING', 'PENDING'],
  ['QUEUING', 'QUEUING'],
  ['RUNNING', 'RUNNING'],
  ['CANCELING', 'CANCELING'],
  ['SUCCEEDED', 'SUCCEEDED'],
  ['SUCCESSED', 'SUCCEEDED'],
  ['FAILED', 'FAILED'],
  ['CANCELED', 'CANCELED'],
]);

/**
 * The normalized status for a vendor spelling. Matching is exact: a new spelling is something to
 * notice (it comes back UNKNOWN and is logged), not to guess at.
 */
export function normalizeStatus(rawStatus: string): JobStatus {
  return STATUS_BY_SPELLING.get(rawStatus) ?? 'UNKNOWN';
}
