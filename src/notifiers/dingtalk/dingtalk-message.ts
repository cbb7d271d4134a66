import type { DashwatchEvent } from '../../core/types.js';
import type { DigestReport } from '../digest-report.js';
import {
  batchSummary,
  chatDigest,
  EN,
  eventMarkdown,
  eventView,
  packLines,
  plainHeadline,
  shorten,
  utf8Bytes,
  type Words,
} from '../render/index.js';
import { dingtalkMarkup } from './markup.js';

/** One robot post: a markdown message that mentions no one. */
export interface DingtalkPayload {
  msgtype: 'markdown';
  markdown: { title: string; text: string };
  at: { atMobiles: string[]; isAtAll: false };
}

/** DingTalk takes bodies of about 20,000 bytes; the rest is headroom for its counting. */
export const DINGTALK_MAX_BYTES = 18_000;
/** The title shows in the chat list and the notification. */
const TITLE_MAX = 64;

/** Wraps markdown lines as one post; `title` is plain text. */
export function dingtalkPayload(title: string, lines: readonly string[]): DingtalkPayload {
  return {
    msgtype: 'markdown',
    markdown: { title: shorten(title, TITLE_MAX), text: lines.join('\n\n') },
    at: { atMobiles: [], isAtAll: false },
  };
}

export function fitsDingtalk(payload: DingtalkPayload): boolean {
  return utf8Bytes(JSON.stringify(payload)) <= DINGTALK_MAX_BYTES;
}

/**
 * A batch as markdown posts, each within DingTalk's size and `maxJobsPerMessage` events. Every post
 * starts with `dashwatch`, so a robot whose security setting is the keyword `dashwatch` takes it.
 */
export function renderDingtalkEvents(
  batch: readonly DashwatchEvent[],
  maxJobsPerMessage: number,
  words: Words = EN,
): DingtalkPayload[] {
  const views = batch.map((event) => eventView(event, words));
  const [only] = views;
  const title =
    only !== undefined && views.length === 1
      ? plainHeadline(only)
      : `dashwatch: ${batchSummary(views, words)}`;
  // A lone event's headline says it all; a batch gets a line that counts it. Either way the post starts
  // with `dashwatch`.
  const summary = views.length === 1 ? '' : ` · ${dingtalkMarkup.own(batchSummary(views, words))}`;
  const heading = (part: number, parts: number) =>
    `#### dashwatch${summary}${parts > 1 ? ` (${part}/${parts})` : ''}`;
  // Measured with the longest heading a part can get, so that numbering the parts never overflows.
  const probe = heading(99, 99);
  const parts = packLines(
    views.map((view) => [...eventMarkdown(view, dingtalkMarkup), '---']),
    maxJobsPerMessage,
    (lines) => fitsDingtalk(dingtalkPayload(title, [probe, ...lines])),
  );
  return parts.map((lines, index) =>
    dingtalkPayload(title, [heading(index + 1, parts.length), ...trimRule(lines)]),
  );
}

function trimRule(lines: string[]): string[] {
  return lines.at(-1) === '---' ? lines.slice(0, -1) : lines;
}

/** A digest as one post within DingTalk's size: lists are cut, and counted, to fit. */
export function renderDingtalkDigest(report: DigestReport, words: Words = EN): DingtalkPayload {
  const digest = chatDigest(report, dingtalkMarkup, words, ({ title, lines }) =>
    fitsDingtalk(dingtalkPayload(title, lines)),
  );
  return dingtalkPayload(digest.title, digest.lines);
}
