import { multiLine, oneLine } from '../render/index.js';

/** The three characters Slack requires escaped in any text it parses: `<!channel>` stays text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * API text for inside a code span or block, where Slack applies no styling (`*`, `_`, `~`, `:emoji:`
 * and links stay literal) and ids copy exactly. A backtick is the one character that could close the
 * code early and mrkdwn has no escape for it, so it becomes `ˋ` (U+02CB, which looks the same).
 */
function escapeCode(text: string): string {
  return escapeMrkdwn(text).replace(/`/g, 'ˋ');
}

/**
 * Splits `text` into escaped pieces of at most `max` characters each, cutting only between code
 * points of the raw text, so neither an entity (`&amp;`) nor a surrogate pair is ever cut in two.
 */
function escapedPieces(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const char of text) {
    const escaped = escapeCode(char);
    if (current.length + escaped.length > max) {
      pieces.push(current);
      current = '';
    }
    current += escaped;
  }
  if (current !== '' || pieces.length === 0) pieces.push(current);
  return pieces;
}

/** Inline API text as one or more code spans (more only when one would not fit in `max`). */
export function codeSpans(text: string, max: number): string[] {
  const clean = oneLine(text);
  if (clean === '') return ['_(empty)_'];
  return escapedPieces(clean, max - 2).map((piece) => `\`${piece}\``);
}

/** Multi-line API text as one or more preformatted blocks, each within `max` characters. */
export function codeBlocks(text: string, max: number): string[] {
  const clean = multiLine(text);
  if (clean === '') return [];
  return escapedPieces(clean, max - 6).map((piece) => `\`\`\`${piece}\`\`\``);
}
