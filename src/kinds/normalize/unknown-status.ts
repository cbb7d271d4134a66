import type { Logger } from '../../core/logger.js';
import type { JobRecord } from '../../core/types.js';

/** Logs each unknown status spelling the first time it is seen for a kind, and stays quiet after. */
export interface UnknownStatusReporter {
  report(logger: Logger, job: Pick<JobRecord, 'kind' | 'account' | 'id' | 'rawStatus'>): void;
}

/** A reporter with its own memory of what it has logged (tests make fresh ones). */
export function createUnknownStatusReporter(): UnknownStatusReporter {
  const seen = new Set<string>();
  return {
    report(logger, job) {
      const key = `${job.kind}\u0000${job.rawStatus}`;
      if (seen.has(key)) return;
      seen.add(key);
      logger.warn(
        { kind: job.kind, account: job.account, jobId: job.id, rawStatus: job.rawStatus },
        'unknown job status spelling, treated as UNKNOWN (logged once per kind and spelling)',
      );
    },
  };
}

/** Shared by every poller so that a spelling is logged once per process, not once per poll. */
export const processUnknownStatusReporter: UnknownStatusReporter = createUnknownStatusReporter();
