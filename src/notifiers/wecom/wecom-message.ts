import type { DashwatchEvent } from '../../core/types.js';
import type { DigestReport } from '../digest-report.js';
import {
  batchSummary,
  chatDigest,
  EN,
  eventMarkdown,
  eventView,
  packLines,
  utf8Bytes,
  type Words,
} from '../render/index.js';
import { wecomMarkup } from './markup.js';

/** One robot post: markdown content. */
export interface WecomPayload {
  msgtype: 'markdown';
  markdown: { content: string };
}

/** WeCom's limit on markdown content, in UTF-8 bytes. */
export const WECOM_MAX_BYTES = 4096;

export function wecomPayload(lines: readonly string[]): WecomPayload {
  return { msgtype: 'markdown', markdown: { content: lines.join('\n') } };
}

function fits(lines: readonly string[]): boolean {
  return utf8Bytes(lines.join('\n')) <= WECOM_MAX_BYTES;
}

/** A batch as markdown posts, each within 4,096 bytes and `maxJobsPerMessage` events. */
export function renderWecomEvents(
  batch: readonly DashwatchEvent[],
  maxJobsPerMessage: number,
  words: Words = EN,
): WecomPayload[] {
  const views = batch.map((event) => eventView(event, words));
  const heading =
    views.length > 1 ? `**dashwatch · ${wecomMarkup.own(batchSummary(views, words))}**` : undefined;
  const probe = heading === undefined ? [] : [`${heading} (99/99)`];
  const parts = packLines(
    views.map((view) => [...eventMarkdown(view, wecomMarkup), '']),
    maxJobsPerMessage,
    (lines) => fits([...probe, ...lines]),
  );
  return parts.map((lines, index) => {
    const numbered = parts.length > 1 ? ` (${index + 1}/${parts.length})` : '';
    const body = lines.at(-1) === '' ? lines.slice(0, -1) : lines;
    return wecomPayload(heading === undefined ? body : [`${heading}${numbered}`, ...body]);
  });
}

/** A digest as one post within 4,096 bytes: lists are cut, and counted, to fit. */
export function renderWecomDigest(report: DigestReport, words: Words = EN): WecomPayload {
  const digest = chatDigest(report, wecomMarkup, words, ({ lines }) => fits(lines));
  return wecomPayload(digest.lines);
}
