import type { ChatMarkup } from '../render/index.js';

/**
 * Feishu card markdown: API text goes in a code span, where markdown stays literal. A backtick, which
 * would close the span, becomes `ˋ` (U+02CB, which looks the same), and `<` `>` become their full-width
 * forms, so no `<at id=all>` or `<font>` tag is ever parsed from a job name.
 */
const tags = (text: string) => text.replace(/</g, '＜').replace(/>/g, '＞');

export const feishuMarkup: ChatMarkup = {
  api: (text) => (text === '' ? '' : `\`${tags(text).replace(/`/g, 'ˋ')}\``),
  own: tags,
  bold: (text) => `**${text}**`,
};
