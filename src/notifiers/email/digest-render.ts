import { formatDuration } from '../../core/duration.js';
import type { JobKind, JobRecord, JobStatus, WatchEvent } from '../../core/types.js';
import { type EventField, eventView, formatInstant, KIND_LABELS, spanText } from '../render/index.js';
import { type DigestItem, itemHtml, itemText, jobItem } from './digest-item.js';
import { eventHtml, eventText, type MailContent } from './event-mail.js';
import { escapeHtml, htmlDocument } from './html.js';
import { headerValue } from './mail-header.js';

/** What a digest covers: the window, counts per kind and status, and the jobs worth naming. */
export interface DigestReport {
  /** The digest's name in the config. */
  name: string;
  /** ISO 8601 UTC. */
  windowStart: string;
  windowEnd: string;
  /** The zone the window and times are shown in. */
  timeZone: string;
  counts: { kind: JobKind; status: JobStatus; count: number }[];
  /** Jobs that finished in the window, shown with duration and output model. */
  finished: JobRecord[];
  /** Jobs that failed in the window, shown with their errors. */
  failures: JobRecord[];
  /** Jobs still live at the end of the window, with how long they have been in their status. */
  live: { job: JobRecord; ageMs: number }[];
  watchProblems: WatchEvent[];
}

export interface DigestRenderOptions {
  subjectPrefix: string;
}

/** Renders a digest mail: subject with the headline numbers, plain-text and HTML parts. */
export function renderDigest(report: DigestReport, options: DigestRenderOptions): MailContent {
  const sections: { title: string; items: DigestItem[] }[] = [
    { title: 'Finished', items: report.finished.map((job) => jobItem(job, finishedFields(job))) },
    { title: 'Failed', items: report.failures.map((job) => jobItem(job, [])) },
    {
      title: 'Still live',
      items: report.live.map(({ job, ageMs }) =>
        jobItem(job, [{ label: job.status, value: [{ text: `for ${formatDuration(ageMs)}` }] }]),
      ),
    },
  ];
  const subject = headerValue(`${options.subjectPrefix} ${report.name} digest: ${headline(report)}`);
  const window = `${formatInstant(report.windowStart, report.timeZone)} → ${formatInstant(report.windowEnd, report.timeZone)}`;
  const problems = report.watchProblems.map(eventView);

  const text = [`dashwatch digest "${report.name}"`, window, '', 'Counts', ...countLines(report)];
  const html = [
    `<h2>dashwatch digest ${escapeHtml(report.name)}</h2>`,
    `<p>${escapeHtml(window)}</p>`,
    countTable(report),
  ];
  for (const { title, items } of sections) {
    if (items.length === 0) continue;
    text.push('', `${title} (${items.length})`, ...items.map(itemText));
    html.push(
      `<h3>${escapeHtml(title)} (${items.length})</h3>`,
      `<ul>\n${items.map(itemHtml).join('\n')}\n</ul>`,
    );
  }
  if (problems.length > 0) {
    text.push('', `Watch problems (${problems.length})`, ...problems.map(eventText));
    html.push(`<h3>Watch problems (${problems.length})</h3>`, ...problems.map(eventHtml));
  }
  return { subject, text: `${text.join('\n')}\n`, html: htmlDocument(subject, html.join('\n')) };
}

function headline(report: DigestReport): string {
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

function finishedFields(job: JobRecord): EventField[] {
  const fields: EventField[] = [];
  if (job.output !== undefined)
    fields.push({ label: 'Output model', value: [{ text: job.output, api: true }] });
  const span = spanText(job.startedAt ?? job.createdAt, job.endedAt);
  if (span !== undefined) fields.push({ label: 'Duration', value: [{ text: span }] });
  return fields;
}

function countLines(report: DigestReport): string[] {
  if (report.counts.length === 0) return ['  (none)'];
  return report.counts.map(
    ({ kind, status, count }) => `  ${KIND_LABELS[kind].padEnd(14)}${status.padEnd(11)}${count}`,
  );
}

function countTable(report: DigestReport): string {
  if (report.counts.length === 0) return '<p>No jobs counted.</p>';
  const rows = report.counts.map(
    ({ kind, status, count }) =>
      `<tr><td>${escapeHtml(KIND_LABELS[kind])}</td><td>${escapeHtml(status)}</td><td align="right">${count}</td></tr>`,
  );
  return `<table cellpadding="4">\n<tr><th align="left">Kind</th><th align="left">Status</th><th>Jobs</th></tr>\n${rows.join('\n')}\n</table>`;
}
