import { neutralize } from '../../core/neutralize.js';

// C0/C1 controls plus the Unicode line and paragraph separators, which some clients break lines on.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROLS_BUT_NEWLINE_TAB = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** API text on one line: CR, LF and every other control character become one space. */
export function oneLine(text: string): string {
  return neutralize(text).replace(LINE_BREAKING, ' ').trim();
}

/** API text kept multi-line (error messages): CRLF/CR become LF, other controls (ANSI escapes) go. */
export function multiLine(text: string): string {
  return neutralize(text)
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROLS_BUT_NEWLINE_TAB, '')
    .trim();
}

/** `text` cut to `max` characters with a visible ellipsis (used only where the full text is shown too). */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The last whole lines of `text` whose total `measure` (lines joined by `\n`) stays within `max`, and
 * how many lines were left out before them. A last line longer than `max` is kept by its end.
 */
export function lastLines(
  text: string,
  max: number,
  measure: (text: string) => number = (t) => t.length,
): { text: string; omitted: number } {
  const lines = text.split('\n');
  let kept = 0;
  let size = 0;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const next = size + measure(lines[i] ?? '') + (kept > 0 ? 1 : 0);
    if (next > max) break;
    size = next;
    kept += 1;
  }
  if (kept === 0) {
    const last = [...(lines.at(-1) ?? '')];
    while (last.length > 0 && measure(last.join('')) > max - 1) last.shift();
    return { text: `…${last.join('')}`, omitted: lines.length - 1 };
  }
  return { text: lines.slice(lines.length - kept).join('\n'), omitted: lines.length - kept };
}
