import { formatDuration } from '../../core/duration.js';
import type { DigestReport } from '../digest-report.js';
import { digestHeadline, digestWindow, finishedFields } from '../render/digest.js';
import { eventView, kindLabel } from '../render/index.js';
import { type DigestItem, itemHtml, itemText, jobItem } from './digest-item.js';
import { eventHtml, eventText, type MailContent } from './event-mail.js';
import { escapeHtml, htmlDocument } from './html.js';
import { headerValue } from './mail-header.js';

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
  const subject = headerValue(`${options.subjectPrefix} ${report.name} digest: ${digestHeadline(report)}`);
  const window = digestWindow(report);
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

function countLines(report: DigestReport): string[] {
  if (report.counts.length === 0) return ['  (none)'];
  return report.counts.map(
    ({ kind, status, count }) => `  ${kindLabel(kind).padEnd(14)}${status.padEnd(11)}${count}`,
  );
}

function countTable(report: DigestReport): string {
  if (report.counts.length === 0) return '<p>No jobs counted.</p>';
  const rows = report.counts.map(
    ({ kind, status, count }) =>
      `<tr><td>${escapeHtml(kindLabel(kind))}</td><td>${escapeHtml(status)}</td><td align="right">${count}</td></tr>`,
  );
  return `<table cellpadding="4">\n<tr><th align="left">Kind</th><th align="left">Status</th><th>Jobs</th></tr>\n${rows.join('\n')}\n</table>`;
}
