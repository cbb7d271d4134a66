import { formatDuration } from '../../core/duration.js';
import { isSystemEvent, type JobRecord } from '../../core/types.js';
import type { DigestReport } from '../digest-report.js';
import type { ChatMarkup } from './chat-markdown.js';
import { digestHeadline, digestWindow } from './digest.js';
import { eventEmoji, kindLabel, STATUS_EMOJI } from './labels.js';
import { groupSweeps, type JobGroup } from './sweeps.js';
import { oneLine, shorten } from './text.js';
import { spanText } from './time.js';

/** A chat digest: a plain-text title and markdown lines, ready for the channel to wrap. */
export interface ChatDigest {
  title: string;
  lines: string[];
}

/** The most lines one list shows before the rest is counted. */
const LISTED = 10;
/** Names are shortened in a digest line; the id beside them identifies the job in full. */
const NAME_MAX = 80;

/**
 * A digest as one chat message: headline, window, counts, then failures first, finished jobs, live
 * ones and watch problems. Jobs of one sweep share a line. Each list shows as many lines as let the
 * whole message pass `fits` (at most 10), and counts the rest ("…and 12 more"): a digest is always
 * one message, whatever the day was like.
 */
export function chatDigest(
  report: DigestReport,
  markup: ChatMarkup,
  fits: (digest: ChatDigest) => boolean,
): ChatDigest {
  const title = `dashwatch · ${report.name} digest: ${digestHeadline(report)}`;
  const lists: [string, string[], number[]][] = [
    listOf('Failed', groupSweeps(report.failures), (group) =>
      groupLine(group, failureNote(group, markup), markup),
    ),
    listOf('Finished', groupSweeps(report.finished), (group) =>
      groupLine(group, finishedNote(group, markup), markup),
    ),
    [
      `Still live (${report.live.length})`,
      report.live.map(({ job, ageMs }) => jobLine(job, `${job.status} for ${formatDuration(ageMs)}`, markup)),
      report.live.map(() => 1),
    ],
    [
      `Watch problems (${report.watchProblems.length})`,
      report.watchProblems.map((event) =>
        isSystemEvent(event)
          ? `${eventEmoji(event)} ${markup.api(oneLine(event.detail))}`
          : `${eventEmoji(event)} ${markup.own(kindLabel(event.watch.kind))} watch ${markup.api(event.watch.account)}${event.error ? ` · ${markup.api(event.error.code)}` : ''}`,
      ),
      report.watchProblems.map(() => 1),
    ],
  ];
  const build = (listed: number): ChatDigest => {
    const lines = [`#### ${markup.own(title)}`, markup.own(digestWindow(report)), markup.bold('Counts')];
    lines.push(...countLines(report, markup));
    for (const [heading, items, sizes] of lists) {
      if (items.length === 0) continue;
      lines.push(markup.bold(markup.own(heading)));
      lines.push(...items.slice(0, listed).map((item) => `- ${item}`));
      const rest = sizes.slice(listed).reduce((sum, size) => sum + size, 0);
      if (rest > 0) lines.push(`- …and ${rest} more`);
    }
    return { title, lines };
  };
  for (let listed = LISTED; listed > 0; listed -= 1) {
    const digest = build(listed);
    if (fits(digest)) return digest;
  }
  return build(0);
}

function listOf(
  name: string,
  groups: JobGroup[],
  line: (group: JobGroup) => string,
): [string, string[], number[]] {
  const jobs = groups.reduce((sum, group) => sum + group.jobs.length, 0);
  return [`${name} (${jobs})`, groups.map(line), groups.map((group) => group.jobs.length)];
}

function countLines(report: DigestReport, markup: ChatMarkup): string[] {
  if (report.counts.length === 0) return ['- no jobs counted'];
  return report.counts.map(
    ({ kind, status, count }) =>
      `- ${STATUS_EMOJI[status]} ${markup.own(kindLabel(kind))} ${status}: ${count}`,
  );
}

function jobLine(job: JobRecord, note: string, markup: ChatMarkup): string {
  const name = job.name === undefined ? '' : `${markup.api(shorten(oneLine(job.name), NAME_MAX))} `;
  return `${STATUS_EMOJI[job.status]} ${markup.own(kindLabel(job.kind))} ${name}(${markup.api(job.id)}) · ${note}`;
}

/** A sweep as one line: what its jobs share, how many, the first and last id. */
function groupLine(group: JobGroup, note: string, markup: ChatMarkup): string {
  const [first] = group.jobs;
  const last = group.jobs.at(-1);
  if (first === undefined || last === undefined) return '';
  if (group.label === undefined) return jobLine(first, note, markup);
  const label = markup.api(shorten(oneLine(group.label), NAME_MAX));
  return `${STATUS_EMOJI[first.status]} ${markup.own(kindLabel(first.kind))} ${label} ×${group.jobs.length} (${markup.api(first.id)} … ${markup.api(last.id)}) · ${note}`;
}

function finishedNote(group: JobGroup, markup: ChatMarkup): string {
  const [job] = group.jobs;
  if (job === undefined) return '';
  if (group.jobs.length > 1) return job.status;
  const span = spanText(job.startedAt ?? job.createdAt, job.endedAt);
  const note = span === undefined ? job.status : `${job.status}, ${span}`;
  return job.output === undefined ? note : `${note} → ${markup.api(shorten(job.output, NAME_MAX))}`;
}

function failureNote(group: JobGroup, markup: ChatMarkup): string {
  const codes = [...new Set(group.jobs.map((job) => job.error?.code).filter((code) => code !== undefined))];
  if (codes.length === 0) return 'FAILED';
  const shown = codes.slice(0, 3).map((code) => markup.api(shorten(oneLine(code), NAME_MAX)));
  return `FAILED · ${shown.join(', ')}${codes.length > 3 ? ', …' : ''}`;
}
