import type { JobRecord } from '../../core/types.js';
import type { DigestReport } from '../digest-report.js';
import type { EventField } from './segments.js';
import { formatInstant, spanText } from './time.js';

/** `3 finished, 1 failed, 2 live`: a digest in a few words (subjects, headers). */
export function digestHeadline(report: DigestReport): string {
  const parts: string[] = [];
  const add = (count: number, noun: string) => {
    if (count > 0) parts.push(`${count} ${noun}`);
  };
  add(report.finished.length, 'finished');
  add(report.failures.length, 'failed');
  add(report.live.length, 'live');
  add(report.watchProblems.length, report.watchProblems.length === 1 ? 'watch problem' : 'watch problems');
  return parts.length > 0 ? parts.join(', ') : 'no job activity';
}

/** `2024-10-29 09:00 Asia/Shanghai → 2024-10-30 09:00 Asia/Shanghai`. */
export function digestWindow(report: DigestReport): string {
  return `${formatInstant(report.windowStart, report.timeZone)} → ${formatInstant(report.windowEnd, report.timeZone)}`;
}

/** What a digest says of a finished job: its output model and how long it took. */
export function finishedFields(job: JobRecord): EventField[] {
  const fields: EventField[] = [];
  if (job.output !== undefined)
    fields.push({ label: 'Output model', value: [{ text: job.output, api: true }] });
  const span = spanText(job.startedAt ?? job.createdAt, job.endedAt);
  if (span !== undefined) fields.push({ label: 'Duration', value: [{ text: span }] });
  return fields;
}
