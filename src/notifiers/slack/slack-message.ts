import type { DashwatchEvent } from '../../core/types.js';
import { batchSummary, EN, type EventView, eventView, type Words } from '../render/index.js';
import { eventLines, SECTION_MAX } from './event-lines.js';
import { escapeMrkdwn } from './mrkdwn.js';

/** Slack's limit on blocks per message. */
export const MAX_BLOCKS = 50;
/** Slack's limit on a header block's text. */
export const HEADER_MAX = 150;

export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}

/** The Block Kit blocks dashwatch sends. */
export type SlackBlock =
  | { type: 'header'; text: TextObject }
  | { type: 'section'; text: TextObject }
  | { type: 'context'; elements: TextObject[] };

/** One webhook post: Block Kit with a plain `text` fallback for notifications. */
export interface SlackPayload {
  text: string;
  blocks: SlackBlock[];
}

export interface SlackRenderOptions {
  maxJobsPerMessage: number;
  consoleUrl?: string;
  /** The message's language (English by default). */
  words?: Words;
}

/**
 * Renders a batch as one or more webhook payloads: at most `maxJobsPerMessage` events and
 * `MAX_BLOCKS` blocks per message, every section within `SECTION_MAX`. An event too long for one
 * section spans several (and, in the extreme, several messages); nothing is dropped.
 */
export function renderSlackMessages(
  batch: readonly DashwatchEvent[],
  options: SlackRenderOptions,
): SlackPayload[] {
  const words = options.words ?? EN;
  const views = batch.map((event) => eventView(event, words));
  const header = views.length > 1;
  const link =
    options.consoleUrl === undefined ? undefined : consoleContext(options.consoleUrl, words.openConsole);
  const budget = MAX_BLOCKS - (header ? 1 : 0) - (link ? 1 : 0);
  const parts = pack(views, options.maxJobsPerMessage, budget);
  return parts.map((part, index) => {
    const summary = batchSummary(part.views, words);
    const partNote = parts.length > 1 ? words.partOf(index + 1, parts.length) : '';
    const blocks: SlackBlock[] = [];
    if (header) {
      const title = `dashwatch · ${summary}${partNote}`.slice(0, HEADER_MAX);
      blocks.push({ type: 'header', text: { type: 'plain_text', text: title, emoji: true } });
    }
    for (const text of part.sections) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
    if (link) blocks.push(link);
    return { text: fallbackText(part, summary, partNote), blocks };
  });
}

interface Part {
  views: EventView[];
  sections: string[];
  /** The headline of the part's first event, rendered once with its other lines. */
  headline?: string;
}

function pack(views: readonly EventView[], maxEvents: number, budget: number): Part[] {
  const parts: Part[] = [];
  let current: Part = { views: [], sections: [] };
  const flush = () => {
    if (current.sections.length > 0) parts.push(current);
    current = { views: [], sections: [] };
  };
  for (const view of views) {
    // Each event is rendered once: its lines serve the sections and the notification text alike.
    const lines = eventLines(view);
    const sections = toSections(lines);
    if (current.views.length >= maxEvents || current.sections.length + sections.length > budget) flush();
    current.views.push(view);
    current.headline ??= lines[0];
    for (const section of sections) {
      // Only an event longer than a whole message gets here with a full part: it continues in the next.
      if (current.sections.length >= budget) {
        flush();
        current.views.push(view);
        current.headline = lines[0];
      }
      current.sections.push(section);
    }
  }
  flush();
  return parts;
}

/** Lines joined into as few sections as fit; every line is already within `SECTION_MAX`. */
export function toSections(lines: readonly string[]): string[] {
  const sections: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current !== '' && current.length + 1 + line.length > SECTION_MAX) {
      sections.push(current);
      current = line;
    } else {
      current = current === '' ? line : `${current}\n${line}`;
    }
  }
  if (current !== '') sections.push(current);
  return sections;
}

/** What a notification shows: the headline of a lone event, else the batch in a few words. */
function fallbackText(part: Part, summary: string, partNote: string): string {
  if (part.views.length === 1) return part.headline ?? summary;
  return `dashwatch: ${summary}${partNote}`;
}

function consoleContext(url: string, text: string): SlackBlock {
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `<${escapeMrkdwn(url)}|${escapeMrkdwn(text)}>` }],
  };
}
