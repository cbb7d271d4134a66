/**
 * The three time formats DashScope uses. Fine-tune and compression jobs and checkpoints print
 * wall-clock time in the account's zone (China time) without an offset; imports print UTC.
 */

import { isValidTimeZone, pad2 as pad, type WallClock, wallClockAt, zoneOffsetMs } from '../../core/zone.js';

const HOUR_MS = 3_600_000;

/** Formats instants as wall-clock time in one IANA zone. */
export class ZonedFormatter {
  // Zone offsets change at most on hour boundaries, so one lookup per hour keeps 100k jobs cheap.
  private readonly offsets = new Map<number, number>();

  constructor(private readonly timeZone: string) {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  }

  /** `2024-10-29 16:53:53` (fine-tune and compression jobs). */
  spaced(ms: number): string {
    const c = this.wallClock(ms);
    return `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
  }

  /** `2026-05-27T18:07:16` (checkpoints). */
  zoneless(ms: number): string {
    const c = this.wallClock(ms);
    return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
  }

  /** `202410291653`, the time part of fine-tune and compression job ids. */
  minuteStamp(ms: number): string {
    const c = this.wallClock(ms);
    return `${c.year}${pad(c.month)}${pad(c.day)}${pad(c.hour)}${pad(c.minute)}`;
  }

  /** `20240101`, the date part of an imported model's name. */
  dayStamp(ms: number): string {
    const c = this.wallClock(ms);
    return `${c.year}${pad(c.month)}${pad(c.day)}`;
  }

  private wallClock(ms: number): WallClock {
    return wallClockAt(ms, this.offsetAt(ms));
  }

  private offsetAt(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = zoneOffsetMs(this.timeZone, hour * HOUR_MS) ?? 0;
      this.offsets.set(hour, offset);
    }
    return offset;
  }
}

/** `2024-01-01T12:00:00.000+00:00` (import jobs' `gmt_create`). */
export function utcMillis(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}
