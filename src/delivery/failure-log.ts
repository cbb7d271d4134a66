import { deadline } from '../core/deadline.js';
import { DashwatchError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { scrubSecrets } from '../core/secrets.js';
import { type DashwatchEvent, type FailureLog, isJobEvent, type JobRecord } from '../core/types.js';

/** The last `lines` lines of a job's log and how many it has in all; throws on any failure. */
export type LogTailReader = (
  job: JobRecord,
  lines: number,
  signal: AbortSignal,
) => Promise<{ lines: string[]; total: number }>;

export interface FailureLogOptions {
  read: LogTailReader;
  /** How many lines to attach (`failureLogLines`); 0 attaches none. */
  lines: number;
  /** The whole read, its retries included, ends by then (`delivery.failureLogTimeout`). */
  timeoutMs: number;
  logger: Logger;
}

/** Kinds whose jobs have a log endpoint. */
const KINDS_WITH_LOGS: ReadonlySet<string> = new Set(['fine_tune']);

/**
 * `event` with its job's last log lines when it is a fine-tune's failure: the reason a job failed is in
 * its log, not in the API's one-line message. The read has a deadline of its own; when it fails or
 * runs out, the event says so and goes out anyway: a failure is never held back for its context.
 */
export async function withFailureLog(
  event: DashwatchEvent,
  options: FailureLogOptions,
): Promise<DashwatchEvent> {
  if (!isJobEvent(event) || event.failureLog !== undefined || options.lines <= 0) return event;
  const { job } = event;
  if (job.status !== 'FAILED' || !KINDS_WITH_LOGS.has(job.kind)) return event;
  if (event.type !== 'transition' && event.type !== 'created') return event;
  return { ...event, failureLog: await readFailureLog(job, options) };
}

async function readFailureLog(job: JobRecord, options: FailureLogOptions): Promise<FailureLog> {
  const limit = deadline(options.timeoutMs);
  const started = Date.now();
  try {
    const { lines, total } = await options.read(job, options.lines, limit.signal);
    // Log text is API text: a key a training script printed must not reach a channel.
    return { lines: lines.slice(-options.lines).map(scrubSecrets), total };
  } catch (error) {
    const reason = limit.timedOut ? 'timeout' : error instanceof DashwatchError ? error.code : 'error';
    options.logger.warn(
      { account: job.account, jobId: job.id, reason, ms: Date.now() - started, err: error },
      'failed job log could not be read; notifying without it',
    );
    return { unreadable: reason };
  } finally {
    limit.dispose();
  }
}
