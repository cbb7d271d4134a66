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
