import type { JobRecord } from '../../core/types.js';
import { EN, type EventField, kindLabel, type Segment, STATUS_EMOJI, type Words } from '../render/index.js';
import { fieldTextLines, segmentsText } from './field-text.js';
import { blockHtml, escapeHtml, segmentsHtml } from './html.js';

/** One job line of a digest section with its details. */
export interface DigestItem {
  headline: Segment[];
  fields: EventField[];
}

/** `✅ Fine-tune my-job (ft-…)` plus `fields`, and the job's error whenever it has one. */
export function jobItem(job: JobRecord, fields: EventField[], words: Words = EN): DigestItem {
  const kind = words.kind(job.kind, kindLabel(job.kind));
  const headline: Segment[] = [{ text: `${STATUS_EMOJI[job.status]} ${kind} ` }];
  if (job.name !== undefined) headline.push({ text: job.name, api: true }, { text: ' (' });
  headline.push({ text: job.id, api: true });
  if (job.name !== undefined) headline.push({ text: ')' });
  headline.push({ text: ' · ' }, { text: job.account, api: true });
  const all = [...fields];
  if (job.error !== undefined && (job.error.code !== undefined || job.error.message !== undefined)) {
    const error: EventField = {
      label: words.label.error,
      value: job.error.code === undefined ? [] : [{ text: job.error.code, api: true }],
    };
    if (job.error.message !== undefined) error.block = job.error.message;
    all.push(error);
  }
  return { headline, fields: all };
}

/** A digest item as indented plain-text lines. */
export function itemText(item: DigestItem): string {
  const lines = [`  ${segmentsText(item.headline)}`];
  for (const field of item.fields) lines.push(...fieldTextLines(field, '      '));
  return lines.join('\n');
}

/** A digest item as an HTML list item. */
export function itemHtml(item: DigestItem): string {
  const details = item.fields.map((field) => {
    const block = field.block === undefined ? '' : blockHtml(field.block);
    return `<br>${escapeHtml(field.label)}: ${segmentsHtml(field.value)}${block}`;
  });
  return `<li>${segmentsHtml(item.headline)}${details.join('')}</li>`;
}
