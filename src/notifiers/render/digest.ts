import type { JobRecord } from '../../core/types.js';
import type { DigestReport } from '../digest-report.js';
import type { EventField } from './segments.js';
import { elapsedMs, formatInstant } from './time.js';
import type { Words } from './words.js';
import { EN } from './words-en.js';

/** `3 finished, 1 failed, 2 live`: a digest in a few words (subjects, headers). */
export function digestHeadline(report: DigestReport, words: Words = EN): string {
  return words.digest.headline(
    report.finished.length,
    report.failures.length,
    report.live.length,
    report.watchProblems.length,
  );
}

/** `2024-10-29 09:00 Asia/Shanghai → 2024-10-30 09:00 Asia/Shanghai`. */
export function digestWindow(report: DigestReport): string {
  return `${formatInstant(report.windowStart, report.timeZone)} → ${formatInstant(report.windowEnd, report.timeZone)}`;
}

/** What a digest says of a finished job: its output model and how long it took. */
export function finishedFields(job: JobRecord, words: Words = EN): EventField[] {
  const fields: EventField[] = [];
  if (job.output !== undefined)
    fields.push({ label: words.label.outputModel, value: [{ text: job.output, api: true }] });
  const ms = elapsedMs(job.startedAt ?? job.createdAt, job.endedAt);
  if (ms !== undefined) fields.push({ label: words.label.duration, value: [{ text: words.duration(ms) }] });
  return fields;
}
