import { type EventField, type EventView, lastLines } from '../render/index.js';
import { codeBlocks, codeSpans, escapeMrkdwn } from './mrkdwn.js';

/** Slack's limit on a section's text. */
export const SECTION_MAX = 3000;

/**
 * An event as mrkdwn lines, each within `SECTION_MAX`: the headline, then one line per field.
 * A value too long for one line is spread over several (never cut), one code span each.
 */
export function eventLines(view: EventView): string[] {
  const lines = lineOrPieces(`${view.emoji} *${escapeMrkdwn(view.verb)}* · ${escapeMrkdwn(view.what)} `, [
    { text: view.name, api: true },
  ]);
  for (const field of view.fields) lines.push(...fieldLines(field));
  return lines;
}

function fieldLines(field: EventField): string[] {
  const lines = lineOrPieces(`*${escapeMrkdwn(field.label)}:* `, field.value);
  if (field.block === undefined) return lines;
  // A log's end fits one block, its last lines kept: several blocks of log would bury the message.
  const block = field.tail ? logTail(field.block) : field.block;
  lines.push(...codeBlocks(block, SECTION_MAX));
  return lines;
}

function logTail(block: string): string {
  const cut = lastLines(block, SECTION_MAX - 6 - CUT_NOTE_MAX, (text) => escapeMrkdwn(text).length);
  return cut.omitted === 0 ? cut.text : `… (${cut.omitted} more lines)\n${cut.text}`;
}

/** Room left for the note that says how many lines were cut. */
const CUT_NOTE_MAX = 40;

/** `prefix` and the segments on one line when that fits, else the prefix and one line per piece. */
function lineOrPieces(prefix: string, value: EventField['value']): string[] {
  const rendered = value.map((segment) =>
    segment.api ? codeSpans(segment.text, SECTION_MAX) : [escapeMrkdwn(segment.text)],
  );
  const line = prefix + rendered.map((pieces) => pieces.join('')).join('');
  if (line.length <= SECTION_MAX && rendered.every((pieces) => pieces.length === 1)) return [line.trimEnd()];
  return [prefix.trimEnd(), ...rendered.flat()];
}
