import { z } from 'zod';
import { formatDuration, parseDuration } from '../core/duration.js';
import { LOCALES } from '../core/locale.js';
import { JOB_STATUSES } from '../core/types.js';
import { isValidTimeZone } from '../core/zone.js';

/**
 * Field builders every part of the configuration uses, the channel folders included: a channel's
 * schema is written with these, and the config schema assembles the channels' schemas.
 */

/** The longest delay a JavaScript timer can hold (2^31 − 1 ms, about 24.8 days): longer fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `30s`, `5m`, `2h` → milliseconds, between `min` and `max`. Durations are timers by default, so they
 * may not exceed what a timer can hold; thresholds that are only compared with elapsed time pass
 * `Infinity`.
 */
export const duration = (min = 0, max = MAX_TIMER_MS) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `not a duration: "${value}" (use e.g. 500ms, 30s, 5m, 2h, 1d)`,
      });
      return z.NEVER;
    }
    if (ms < min) {
      ctx.addIssue({ code: 'custom', message: `must be at least ${formatDuration(min)}` });
      return z.NEVER;
    }
    if (ms > max) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${formatDuration(max)}` });
      return z.NEVER;
    }
    return ms;
  });

/** A schema's own message, except for a missing value: that one reads "is required" (see issues.ts). */
export const unlessMissing = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? undefined : message;

/** `en` or `zh-CN`. */
export const locale = z.enum(LOCALES, {
  error: unlessMissing(`unknown locale (one of: ${LOCALES.join(', ')})`),
});

export const timeZone = z
  .string()
  .refine(isValidTimeZone, { message: 'not an IANA time zone (e.g. Asia/Shanghai)' });

/**
 * An http(s) URL without credentials: they would travel in every request and every error. `query:
 * false` also refuses a query string and a fragment, for URLs that are origins or plain links.
 */
export const httpUrl = (options: { query?: boolean } = {}) =>
  z
    .url({ protocol: /^https?$/, error: unlessMissing('must be an http(s) URL') })
    .superRefine((value, ctx) => {
      // Refinements run even when the URL check failed; that failure is reported already.
      if (!URL.canParse(value)) return;
      const url = new URL(value);
      if (url.username !== '' || url.password !== '')
        ctx.addIssue({ code: 'custom', message: 'must not contain credentials (user:password@)' });
      if (options.query === false && (url.search !== '' || url.hash !== ''))
        ctx.addIssue({ code: 'custom', message: 'must not have a query or fragment' });
    });

/**
 * The fields every channel has: how long events wait to be batched, the pause between two messages
 * to one destination (shared by every process), and how many events one message carries.
 */
export function pacingFields(defaults: {
  minInterval: number;
  maxJobsPerMessage: number;
  maxJobsPerMessageLimit: number;
}) {
  return {
    /** Events for this channel arriving within this window go out as one message (0 = off). */
    groupWait: duration().default(10_000),
    minInterval: duration().default(defaults.minInterval),
    maxJobsPerMessage: z
      .number()
      .int()
      .min(1)
      .max(defaults.maxJobsPerMessageLimit)
      .default(defaults.maxJobsPerMessage),
    /** The channel's language, when it differs from the configuration's `locale`. */
    locale: locale.optional(),
    /** Hours when events wait, to go out as one summary at their end; `except` statuses go at once. */
    quietHours: quietHours.optional(),
  };
}

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: unlessMissing('must be HH:MM (e.g. 22:00)') });

export const quietHours = z.strictObject({
  from: clockTime,
  to: clockTime,
  timeZone: timeZone.optional(),
  except: z.array(z.enum(JOB_STATUSES)).default(['FAILED']),
});
