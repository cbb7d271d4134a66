import type { DashwatchEvent } from '../../core/types.js';
import type { DigestReport } from '../digest-report.js';
import {
  batchSummary,
  chatDigest,
  EN,
  type EventView,
  eventMarkdown,
  eventView,
  packLines,
  plainHeadline,
  shorten,
  utf8Bytes,
  type Words,
} from '../render/index.js';
import { feishuMarkup } from './markup.js';

/** A card header's colour (Feishu's `template`). */
export type CardColour = 'red' | 'orange' | 'green' | 'grey' | 'blue';

/** One bot post: an interactive card, a header and one markdown element. */
export interface FeishuPayload {
  msg_type: 'interactive';
  card: {
    config: { wide_screen_mode: true };
    header: { title: { tag: 'plain_text'; content: string }; template: CardColour };
    elements: { tag: 'markdown'; content: string }[];
  };
}

/** Feishu takes bodies of up to 20 KB; the rest is headroom for the signature fields. */
export const FEISHU_MAX_BYTES = 18_000;
const TITLE_MAX = 100;

export function feishuPayload(title: string, colour: CardColour, lines: readonly string[]): FeishuPayload {
  return {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: { title: { tag: 'plain_text', content: shorten(title, TITLE_MAX) }, template: colour },
      elements: [{ tag: 'markdown', content: lines.join('\n') }],
    },
  };
}

function fits(payload: FeishuPayload): boolean {
  return utf8Bytes(JSON.stringify(payload)) <= FEISHU_MAX_BYTES;
}

/** Red for a failure, orange for trouble (stuck, expiring, a watch failing), green for success. */
export function colourOf(views: readonly EventView[]): CardColour {
  if (views.some((view) => view.failed)) return 'red';
  if (views.some((view) => ['STUCK', 'EXPIRING', 'REMOVED'].includes(view.key))) return 'orange';
  if (views.every((view) => view.key === 'SUCCEEDED' || view.key === 'WATCH RECOVERED')) return 'green';
  if (views.every((view) => view.key === 'CANCELED')) return 'grey';
  return 'blue';
}

/** A batch as cards, each within Feishu's size and `maxJobsPerMessage` events. */
export function renderFeishuEvents(
  batch: readonly DashwatchEvent[],
  maxJobsPerMessage: number,
  words: Words = EN,
): FeishuPayload[] {
  const views = batch.map((event) => eventView(event, words));
  const [only] = views;
  const title =
    only !== undefined && views.length === 1
      ? plainHeadline(only)
      : `dashwatch · ${batchSummary(views, words)}`;
  const lines = views.map((view) => [...eventMarkdown(view, feishuMarkup), '---']);
  const parts = packLines(lines, maxJobsPerMessage, (part) =>
    fits(feishuPayload(`${title} (99/99)`, 'blue', part)),
  );
  let at = 0;
  return parts.map((part, index) => {
    // The colour of each card is that of the events it shows.
    const shown = views.slice(at, at + part.filter((line) => line === '---').length);
    at += shown.length;
    const numbered = parts.length > 1 ? `${title} (${index + 1}/${parts.length})` : title;
    const content = part.at(-1) === '---' ? part.slice(0, -1) : part;
    return feishuPayload(numbered, colourOf(shown.length > 0 ? shown : views), content);
  });
}

/** A digest as one card within Feishu's size: lists are cut, and counted, to fit. */
export function renderFeishuDigest(report: DigestReport, words: Words = EN): FeishuPayload {
  const colour: CardColour =
    report.failures.length > 0 || report.watchProblems.length > 0 ? 'orange' : 'blue';
  const digest = chatDigest(report, feishuMarkup, words, ({ title, lines }) =>
    fits(feishuPayload(title, colour, lines)),
  );
  // The card header carries the title; the first line repeats it.
  return feishuPayload(digest.title, colour, digest.lines.slice(1));
}
