import type { JobStatus } from '../../core/types.js';

/** The spellings the vendor's endpoints share (shared/API.md "Statuses"); kinds add their own. */
export const STANDARD_SPELLINGS: Readonly<Record<string, JobStatus>> = {
  PENDING: 'PENDING',
  QUEUING: 'QUEUING',
  RUNNING: 'RUNNING',
  CANCELING: 'CANCELING',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  CANCELED: 'CANCELED',
};

/**
 * The normalized status for a vendor spelling. Matching is exact: a new spelling is something to
 * notice (it comes back UNKNOWN and is logged), not to guess at.
 */
export function normalizeStatus(
  rawStatus: string,
  spellings: Readonly<Record<string, JobStatus>>,
): JobStatus {
  return (Object.hasOwn(spellings, rawStatus) ? spellings[rawStatus] : undefined) ?? 'UNKNOWN';
}
