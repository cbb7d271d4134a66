import { z } from 'zod';
import { formatDuration, parseDuration } from '../core/duration.js';
import { isValidTimeZone } from '../core/zone.js';

/**
 * Field builders every part of the configuration uses, the channel folders included: a channel's
 * schema is written with these, and the config schema assembles the channels' schemas.
 */

/** `30s`, `5m`, `2h` → milliseconds. */
export const duration = (min = 0) =>
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
    return ms;
  });

/** A schema's own message, except for a missing value: that one reads "is required" (see issues.ts). */
export const unlessMissing = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? undefined : message;

export const timeZone = z
  .string()
  .refine(isValidTimeZone, { message: 'not an IANA time zone (e.g. Asia/Shanghai)' });

export const httpUrl = z.url({ protocol: /^https?$/, error: unlessMissing('must be an http(s) URL') });

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
  };
}
