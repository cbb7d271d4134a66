import type { JobRecord } from '../../core/types.js';
import type { DigestReport } from '../digest-report.js';
import { digestHeadline, digestWindow, finishedFields } from '../render/digest.js';
import { EN, type EventField, eventView, kindLabel, type Words } from '../render/index.js';
import { type DigestItem, itemHtml, itemText, jobItem } from './digest-item.js';
import { eventHtml, eventText, type MailContent } from './event-mail.js';
import { escapeHtml, htmlDocument } from './html.js';
import { headerValue } from './mail-header.js';

export interface DigestRenderOptions {
  subjectPrefix: string;
  /** The mail's language (English by default). */
  words?: Words;
}

/** Renders a digest mail: subject with the headline numbers, plain-text and HTML parts. */
export function renderDigest(report: DigestReport, options: DigestRenderOptions): MailContent {
  const words = options.words ?? EN;
  const d = words.digest;
  const hushed = new Set(report.silenced);
  const mark = (job: JobRecord): EventField[] =>
    hushed.has(job.id) ? [{ label: words.silenced, value: [] }] : [];
  const sections: { title: string; items: DigestItem[] }[] = [
    {
      title: d.finished,
      items: report.finished.map((job) => jobItem(job, [...finishedFields(job, words), ...mark(job)], words)),
    },
    { title: d.failed, items: report.failures.map((job) => jobItem(job, mark(job), words)) },
    {
      title: d.live,
      items: report.live.map(({ job, ageMs }) =>
        jobItem(
          job,
          [
            {
              label: words.status[job.status],
              value: [{ text: words.forDuration(words.duration(ageMs)).trim() }],
            },
          ],
          words,
        ),
      ),
    },
  ];
  const title = d.title(report.name);
  const subject = headerValue(`${options.subjectPrefix} ${title}: ${digestHeadline(report, words)}`);
  const window = digestWindow(report);
  const problems = report.watchProblems.map((event) => eventView(event, words));

  const text = [`dashwatch · ${title}`, window, '', d.counts, ...countLines(report, words)];
  const html = [
    `<h2>dashwatch · ${escapeHtml(title)}</h2>`,
    `<p>${escapeHtml(window)}</p>`,
    countTable(report, words),
  ];
  for (const { title: heading, items } of sections) {
    if (items.length === 0) continue;
    text.push('', `${heading} (${items.length})`, ...items.map(itemText));
    html.push(
      `<h3>${escapeHtml(heading)} (${items.length})</h3>`,
      `<ul>\n${items.map(itemHtml).join('\n')}\n</ul>`,
    );
  }
  if (problems.length > 0) {
    text.push('', `${d.problems} (${problems.length})`, ...problems.map(eventText));
    html.push(`<h3>${escapeHtml(d.problems)} (${problems.length})</h3>`, ...problems.map(eventHtml));
  }
  return { subject, text: `${text.join('\n')}\n`, html: htmlDocument(subject, html.join('\n')) };
}

function countLines(report: DigestReport, words: Words): string[] {
  if (report.counts.length === 0) return [`  (${words.digest.noCounts})`];
  return report.counts.map(
    ({ kind, status, count }) =>
      `  ${words.kind(kind, kindLabel(kind)).padEnd(14)}${words.status[status].padEnd(11)}${count}`,
  );
}

function countTable(report: DigestReport, words: Words): string {
  const d = words.digest;
  if (report.counts.length === 0) return `<p>${escapeHtml(d.noCounts)}</p>`;
  const rows = report.counts.map(
    ({ kind, status, count }) =>
      `<tr><td>${escapeHtml(words.kind(kind, kindLabel(kind)))}</td><td>${escapeHtml(words.status[status])}</td><td align="right">${count}</td></tr>`,
  );
  return `<table cellpadding="4">\n<tr><th align="left">${escapeHtml(d.kind)}</th><th align="left">${escapeHtml(d.status)}</th><th>${escapeHtml(d.jobs)}</th></tr>\n${rows.join('\n')}\n</table>`;
}
