/** The languages dashwatch writes messages in: `DASHWATCH_LOCALE` / `locale`, per channel too. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
