import type { EventView } from './event-view.js';
import type { EventField, Segment } from './segments.js';
import { lastLines, multiLine, oneLine } from './text.js';

/**
 * How one chat channel writes markdown: its escaping of API text (shown literally, never as markup or a
 * mention) and of dashwatch's own words, and its bold. The chat types (DingTalk, Feishu, WeCom) each
 * pass theirs; the layout of an event is the same for all of them.
 */
export interface ChatMarkup {
  api(text: string): string;
  own(text: string): string;
  bold(text: string): string;
}

/** An event as markdown lines: the headline, one line per field, an error message as a quote. */
export function eventMarkdown(view: EventView, markup: ChatMarkup): string[] {
  const lines = [
    `${view.emoji} ${markup.bold(markup.own(view.verb))} · ${markup.own(view.what)} ${markup.api(oneLine(view.name))}`,
  ];
  for (const field of view.fields) lines.push(...fieldMarkdown(field, markup));
  return lines;
}

/** The most of a log's end a chat message carries (WeCom's whole message is 4,096 bytes). */
const TAIL_MAX_BYTES = 1500;

function fieldMarkdown(field: EventField, markup: ChatMarkup): string[] {
  const value = segmentsMarkdown(field.value, markup);
  const lines = [`- ${markup.bold(markup.own(`${field.label}:`))}${value === '' ? '' : ` ${value}`}`];
  if (field.block !== undefined) {
    // A log's end is cut to its last lines: the chat types' messages are a few kilobytes at most.
    const cut = field.tail ? lastLines(multiLine(field.block), TAIL_MAX_BYTES, utf8Bytes) : undefined;
    if (cut !== undefined && cut.omitted > 0) lines.push(`> ${markup.own(`… (${cut.omitted} more lines)`)}`);
    for (const line of (cut?.text ?? multiLine(field.block)).split('\n')) {
      if (line.trim() !== '') lines.push(`> ${markup.api(line)}`);
    }
  }
  return lines;
}

/** A value's segments: API text escaped by the channel, our own words as they are. */
export function segmentsMarkdown(value: readonly Segment[], markup: ChatMarkup): string {
  return value.map((s) => (s.api ? markup.api(oneLine(s.text)) : markup.own(s.text))).join('');
}

/**
 * Packs events (each a list of lines) into messages: at most `maxEvents` events each, and each
 * message within what `fits` allows (the channel measures its real payload). An event too big for one
 * message continues in the next; a single line too big for any message is cut into pieces. Nothing is
 * dropped.
 */
export function packLines(
  events: readonly (readonly string[])[],
  maxEvents: number,
  fits: (lines: readonly string[]) => boolean,
): string[][] {
  const parts: string[][] = [];
  let current: string[] = [];
  let count = 0;
  const flush = () => {
    if (current.length > 0) parts.push(current);
    current = [];
    count = 0;
  };
  for (const lines of events) {
    if (count >= maxEvents || (current.length > 0 && !fits([...current, ...lines]))) flush();
    count += 1;
    for (const line of lines) {
      if (fits([...current, line])) {
        current.push(line);
        continue;
      }
      flush();
      count = 1;
      for (const piece of cutToFit(line, fits)) {
        if (!fits([...current, piece])) flush();
        current.push(piece);
      }
    }
  }
  flush();
  return parts;
}

/** A line too long for a whole message, in pieces that each fit alone (cut between code points). */
function cutToFit(line: string, fits: (lines: readonly string[]) => boolean): string[] {
  const chars = [...line];
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let low = start + 1;
    let high = chars.length;
    // The longest prefix that fits; at least one character, so the loop always advances.
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits([chars.slice(start, mid).join('')])) low = mid;
      else high = mid - 1;
    }
    pieces.push(chars.slice(start, low).join(''));
    start = low;
  }
  return pieces;
}

/** Bytes of `text` as UTF-8: the unit the chat services count their limits in. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
