import type { Locale } from '../../core/locale.js';
import type { Words } from './words.js';
import { EN } from './words-en.js';
import { ZH_CN } from './words-zh.js';

const WORDS: Record<Locale, Words> = { en: EN, 'zh-CN': ZH_CN };

/** The words of `locale` (English when none is given). */
export function wordsFor(locale: Locale | undefined): Words {
  return WORDS[locale ?? 'en'];
}
