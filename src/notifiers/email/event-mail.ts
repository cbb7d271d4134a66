import type { DashwatchEvent } from '../../core/types.js';
import {
  batchSummary,
  EN,
  type EventView,
  eventView,
  oneLine,
  plainHeadline,
  type Words,
} from '../render/index.js';
import { fieldTextLines } from './field-text.js';
import { blockHtml, escapeHtml, fieldTable, htmlDocument, segmentsHtml } from './html.js';
import { headerValue } from './mail-header.js';

/** A rendered mail: subject (header-safe), plain-text and HTML parts. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export interface EventMailOptions {
  subjectPrefix: string;
  /** The mail's language (English by default). */
  words?: Words;
}

/**
 * One mail for a whole batch. The subject names a lone event
 * (`[dashwatch] FAILED fine-tune my-job (ft-…)`) or counts a batch (`[dashwatch] 12 job updates`).
 */
export function renderEventMail(batch: readonly DashwatchEvent[], options: EventMailOptions): MailContent {
  const words = options.words ?? EN;
  const views = batch.map((event) => eventView(event, words));
  const [only] = views;
  const summary = only !== undefined && views.length === 1 ? eventSubject(only) : batchSummary(views, words);
  const subject = headerValue(`${options.subjectPrefix} ${summary}`);
  return {
    subject,
    text: `${views.map(eventText).join('\n\n')}\n`,
    html: htmlDocument(subject, views.map(eventHtml).join('\n<hr>\n')),
  };
}

function eventSubject(view: EventView): string {
  const id = view.name === view.subjectId ? '' : ` (${view.subjectId})`;
  return `${view.verb} ${view.what.toLowerCase()} ${view.name}${id}`;
}

/** An event as plain-text lines (the digest lists watch problems the same way). */
export function eventText(view: EventView): string {
  const lines = [oneLine(plainHeadline(view))];
  for (const field of view.fields) lines.push(...fieldTextLines(field, '  '));
  return lines.join('\n');
}

/** An event as an HTML heading and field table. */
export function eventHtml(view: EventView): string {
  const heading = `<h3 style="margin: 12px 0 4px;">${escapeHtml(`${view.emoji} ${view.verb} · ${view.what}`)} <code>${escapeHtml(oneLine(view.name))}</code></h3>`;
  const rows = view.fields.map((field) => {
    const block = field.block === undefined ? '' : blockHtml(field.block);
    return [field.label, segmentsHtml(field.value) + block] as const;
  });
  return `${heading}\n${fieldTable(rows)}`;
}
