import { isSystemEvent, type JobRecord, type SystemEvent, type WatchEvent } from '../../core/types.js';
import type { DigestReport } from '../digest-report.js';
import { digestHeadline, digestWindow } from '../render/digest.js';
import {
  EN,
  groupSweeps,
  type JobGroup,
  kindLabel,
  oneLine,
  STATUS_EMOJI,
  shorten,
  type Words,
} from '../render/index.js';
import { eventEmoji } from '../render/labels.js';
import { elapsedMs } from '../render/time.js';
import { SECTION_MAX } from './event-lines.js';
import { codeSpans, escapeMrkdwn } from './mrkdwn.js';
import { HEADER_MAX, type SlackBlock, type SlackPayload, toSections } from './slack-message.js';

/** Lines per list; the rest are counted ("and 12 more"), so a digest is always one message. */
const LISTED = 10;
/** Names are shortened in a digest line; the job id beside them identifies the job in full. */
const NAME_MAX = 80;

/**
 * A digest as one Slack message: the headline, the window, counts per kind and status, then failures
 * first, finished jobs and live ones, each list cut at `LISTED` lines with what is left counted. Jobs
 * of one sweep (same name but for a number, or same model; same outcome) share a line.
 */
export function renderSlackDigest(report: DigestReport, words: Words = EN): SlackPayload {
  const d = words.digest;
  const title = `dashwatch · ${d.title(report.name)}: ${digestHeadline(report, words)}`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: shorten(title, HEADER_MAX), emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(digestWindow(report)) }] },
  ];
  const section = (lines: string[]) => {
    for (const text of toSections(lines)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  };
  section([`*${escapeMrkdwn(d.counts)}*`, ...countLines(report, words)]);
  const hushed = new Set(report.silenced);
  const mark = (group: JobGroup) =>
    group.jobs.some((job) => hushed.has(job.id)) ? ` · ${escapeMrkdwn(words.silenced)}` : '';
  const groups = (jobs: JobRecord[], note: (group: JobGroup) => string) =>
    groupSweeps(jobs).map((group) => ({
      line: groupLine(group, note(group) + mark(group), words),
      size: group.jobs.length,
    }));
  const lists: [string, { line: string; size: number }[]][] = [
    [d.failed, groups(report.failures, (group) => failureNote(group, words))],
    [d.finished, groups(report.finished, (group) => finishedNote(group, words))],
    [
      d.live,
      report.live.map(({ job, ageMs }) => ({
        line: groupLine(
          { jobs: [job] },
          `${words.status[job.status]}${words.forDuration(words.duration(ageMs))}`,
          words,
        ),
        size: 1,
      })),
    ],
    [d.problems, report.watchProblems.map((event) => ({ line: problemLine(event, words), size: 1 }))],
  ];
  for (const [heading, items] of lists) {
    if (items.length === 0) continue;
    const total = items.reduce((sum, item) => sum + item.size, 0);
    const shown = items.slice(0, LISTED).map((item) => item.line);
    const rest = items.slice(LISTED).reduce((sum, item) => sum + item.size, 0);
    if (rest > 0) shown.push(`_${escapeMrkdwn(d.andMore(rest))}_`);
    section([`*${escapeMrkdwn(heading)} (${total})*`, ...shown]);
  }
  return { text: title, blocks };
}

function countLines(report: DigestReport, words: Words): string[] {
  if (report.counts.length === 0) return [`_${escapeMrkdwn(words.digest.noCounts)}_`];
  return report.counts.map(
    ({ kind, status, count }) =>
      `${STATUS_EMOJI[status]} ${escapeMrkdwn(words.kind(kind, kindLabel(kind)))} ${escapeMrkdwn(words.status[status])}: ${count}`,
  );
}

const span = (text: string) => codeSpans(text, SECTION_MAX)[0] ?? '';

/** A job, or a sweep as one line: what its jobs share, how many, the first and last id. */
function groupLine(group: JobGroup, note: string, words: Words): string {
  const [job] = group.jobs;
  const last = group.jobs.at(-1);
  if (job === undefined || last === undefined) return '';
  const kind = escapeMrkdwn(words.kind(job.kind, kindLabel(job.kind)));
  if (group.label !== undefined) {
    const ids = `${span(job.id)} … ${span(last.id)}`;
    return `${STATUS_EMOJI[job.status]} ${kind} ${span(shorten(oneLine(group.label), NAME_MAX))} ×${group.jobs.length} (${ids}) · ${note}`;
  }
  const name = job.name === undefined ? '' : `${span(shorten(job.name, NAME_MAX))} `;
  return `${STATUS_EMOJI[job.status]} ${kind} ${name}${span(job.id)} · ${note}`;
}

function finishedNote(group: JobGroup, words: Words): string {
  const [job] = group.jobs;
  if (job === undefined) return '';
  const status = escapeMrkdwn(words.status[job.status]);
  if (group.jobs.length > 1) return status;
  const ms = elapsedMs(job.startedAt ?? job.createdAt, job.endedAt);
  const note = ms === undefined ? status : `${status}, ${escapeMrkdwn(words.duration(ms))}`;
  return job.output === undefined ? note : `${note} → ${span(shorten(job.output, NAME_MAX))}`;
}

function failureNote(group: JobGroup, words: Words): string {
  const failed = escapeMrkdwn(words.status.FAILED);
  const codes = [
    ...new Set(group.jobs.map((job) => job.error?.code ?? job.error?.message).filter((c) => c !== undefined)),
  ];
  if (codes.length === 0) return failed;
  const shown = codes.slice(0, 3).map((code) => span(shorten(oneLine(code), 200)));
  return `${failed} · ${shown.join(', ')}${codes.length > 3 ? ', …' : ''}`;
}

function problemLine(event: WatchEvent | SystemEvent, words: Words): string {
  if (isSystemEvent(event)) return `${eventEmoji(event)} ${escapeMrkdwn(oneLine(event.detail))}`;
  const error = event.error ? ` · ${span(event.error.code)}` : '';
  const watch = escapeMrkdwn(words.watchOf(words.kind(event.watch.kind, kindLabel(event.watch.kind))));
  return `${eventEmoji(event)} ${watch} ${span(event.watch.account)}${error}`;
}
