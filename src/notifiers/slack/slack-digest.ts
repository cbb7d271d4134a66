import { formatDuration } from '../../core/duration.js';
import { isSystemEvent, type JobRecord, type SystemEvent, type WatchEvent } from '../../core/types.js';
import type { DigestReport } from '../digest-report.js';
import { digestHeadline, digestWindow } from '../render/digest.js';
import { kindLabel, oneLine, STATUS_EMOJI, shorten, spanText } from '../render/index.js';
import { eventEmoji } from '../render/labels.js';
import { SECTION_MAX } from './event-lines.js';
import { codeSpans, escapeMrkdwn } from './mrkdwn.js';
import { HEADER_MAX, type SlackBlock, type SlackPayload, toSections } from './slack-message.js';

/** Jobs named per section; the rest are counted ("and 12 more"), so a digest is always one message. */
const LISTED = 10;
/** Names are shortened in a digest line; the job id beside them identifies the job in full. */
const NAME_MAX = 80;

/**
 * A digest as one Slack message: the headline, the window, counts per kind and status, then failures
 * first, finished jobs and live ones, each list cut at `LISTED` with what is left counted.
 */
export function renderSlackDigest(report: DigestReport): SlackPayload {
  const title = `dashwatch · ${report.name} digest: ${digestHeadline(report)}`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: shorten(title, HEADER_MAX), emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(digestWindow(report)) }] },
  ];
  const section = (lines: string[]) => {
    for (const text of toSections(lines)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  };
  section(['*Counts*', ...countLines(report)]);
  const lists: [string, string[]][] = [
    ['Failed', report.failures.map((job) => jobLine(job, failureNote(job)))],
    ['Finished', report.finished.map((job) => jobLine(job, finishedNote(job)))],
    [
      'Still live',
      report.live.map(({ job, ageMs }) => jobLine(job, `${job.status} for ${formatDuration(ageMs)}`)),
    ],
    ['Watch problems', report.watchProblems.map((event) => problemLine(event))],
  ];
  for (const [title, lines] of lists) {
    if (lines.length === 0) continue;
    const shown = lines.slice(0, LISTED);
    if (lines.length > LISTED) shown.push(`_…and ${lines.length - LISTED} more_`);
    section([`*${title} (${lines.length})*`, ...shown]);
  }
  return { text: title, blocks };
}

function countLines(report: DigestReport): string[] {
  if (report.counts.length === 0) return ['_no jobs counted_'];
  return report.counts.map(
    ({ kind, status, count }) =>
      `${STATUS_EMOJI[status]} ${escapeMrkdwn(kindLabel(kind))} ${status}: ${count}`,
  );
}

function jobLine(job: JobRecord, note: string): string {
  const name = job.name === undefined ? '' : `${codeSpans(shorten(job.name, NAME_MAX), SECTION_MAX)[0]} `;
  return `${STATUS_EMOJI[job.status]} ${escapeMrkdwn(kindLabel(job.kind))} ${name}${codeSpans(job.id, 300)[0]} · ${note}`;
}

function finishedNote(job: JobRecord): string {
  const parts: string[] = [job.status];
  const span = spanText(job.startedAt ?? job.createdAt, job.endedAt);
  if (span !== undefined) parts.push(span);
  const note = escapeMrkdwn(parts.join(', '));
  return job.output === undefined ? note : `${note} → ${codeSpans(shorten(job.output, NAME_MAX), 300)[0]}`;
}

function failureNote(job: JobRecord): string {
  const error = job.error?.code ?? job.error?.message;
  return error === undefined ? 'FAILED' : `FAILED · ${codeSpans(shorten(error, 200), 300)[0]}`;
}

function problemLine(event: WatchEvent | SystemEvent): string {
  if (isSystemEvent(event)) return `${eventEmoji(event)} ${escapeMrkdwn(oneLine(event.detail))}`;
  const error = event.error ? ` · ${codeSpans(event.error.code, 200)[0]}` : '';
  return `${eventEmoji(event)} ${escapeMrkdwn(kindLabel(event.watch.kind))} watch ${codeSpans(event.watch.account, 200)[0]}${error}`;
}
