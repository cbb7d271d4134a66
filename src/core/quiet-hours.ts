import type { JobStatus } from './types.js';
import { zoneOffsetMs } from './zone.js';

/** A channel's quiet hours, as configured: `from` and `to` are `HH:MM` in `timeZone`. */
export interface QuietHours {
  from: string;
  to: string;
  /** Absent: the configuration's `timeZone`. */
  timeZone?: string | undefined;
  /** Statuses that go out at once, quiet or not. */
  except: JobStatus[];
}

const DAY_MS = 86_400_000;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Whether `nowMs` falls in the quiet hours, and when they end (UTC ms). A window whose `from` is later
 * than its `to` runs over midnight (22:00–08:00). Pure: the clock is the caller's. The end is found
 * with the offset at `nowMs`, so on a night the clocks change it may be an hour off, no more.
 */
export function quietWindow(
  quiet: QuietHours,
  defaultZone: string,
  nowMs: number,
): { endsAt: number } | undefined {
  const offset = zoneOffsetMs(quiet.timeZone ?? defaultZone, nowMs) ?? 0;
  const sinceMidnight = (((nowMs + offset) % DAY_MS) + DAY_MS) % DAY_MS;
  const from = minutes(quiet.from) * 60_000;
  const to = minutes(quiet.to) * 60_000;
  const inside =
    from <= to ? sinceMidnight >= from && sinceMidnight < to : sinceMidnight >= from || sinceMidnight < to;
  if (!inside || from === to) return undefined;
  return { endsAt: nowMs + ((to - sinceMidnight + DAY_MS) % DAY_MS) };
}
