import type { EventField, EventView } from '../render/index.js';
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
  if (field.block !== undefined) lines.push(...codeBlocks(field.block, SECTION_MAX));
  return lines;
}

/** `prefix` and the segments on one line when that fits, else the prefix and one line per piece. */
function lineOrPieces(prefix: string, value: EventField['value']): string[] {
  const rendered = value.map((segment) =>
    segment.api ? codeSpans(segment.text, SECTION_MAX) : [escapeMrkdwn(segment.text)],
  );
  const line = prefix + rendered.map((pieces) => pieces.join('')).join('');
  if (line.length <= SECTION_MAX && rendered.every((pieces) => pieces.length === 1)) return [line.trimEnd()];
  return [prefix.trimEnd(), ...rendered.flat()];
}
