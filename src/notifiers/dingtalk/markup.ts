import type { ChatMarkup } from '../render/index.js';

/**
 * DingTalk's markdown has no code span, so API text is escaped character by character: markdown's
 * inline markers get a backslash, and `<` `>` become their full-width forms so no HTML (`<font>`) is
 * ever parsed from a job name. Mentions come only from the `at` field, which dashwatch leaves empty.
 */
export const dingtalkMarkup: ChatMarkup = {
  api: (text) =>
    text
      .replace(/[\\`*_~[\]]/g, '\\$&')
      .replace(/</g, '＜')
      .replace(/>/g, '＞'),
  own: (text) => text.replace(/</g, '＜').replace(/>/g, '＞'),
  bold: (text) => `**${text}**`,
};
