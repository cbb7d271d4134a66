import type { ChatMarkup } from '../render/index.js';

/**
 * WeCom markdown: API text goes in a code span, where markdown stays literal. A backtick becomes `ˋ`
 * (U+02CB, which looks the same), and `<` `>` their full-width forms, so no `<@userid>` mention or
 * `<font>` tag is ever parsed from a job name.
 */
const tags = (text: string) => text.replace(/</g, '＜').replace(/>/g, '＞');

export const wecomMarkup: ChatMarkup = {
  api: (text) => (text === '' ? '' : `\`${tags(text).replace(/`/g, 'ˋ')}\``),
  own: tags,
  bold: (text) => `**${text}**`,
};
