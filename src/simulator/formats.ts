/**
 * The three time formats DashScope uses. Fine-tune and compression jobs and checkpoints print
 * wall-clock time in the account's zone (China time) without an offset; imports print UTC.
 */

const HOUR_MS = 3_600_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Formats instants as wall-clock time in one IANA zone. */
export class ZonedFormatter {
  private readonly parts: Intl.DateTimeFormat;
  // Zone offsets change at most on hour boundaries, so one lookup per hour keeps 100k jobs cheap.
  private readonly offsets = new Map<number, number>();

  constructor(timeZone: string) {
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
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
    const shifted = new Date(ms + this.offsetAt(ms));
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
    };
  }

  private offsetAt(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      const probe = hour * HOUR_MS;
      const f: Record<string, number> = {};
      for (const p of this.parts.formatToParts(new Date(probe))) f[p.type] = Number(p.value);
      const asUtc = Date.UTC(
        f.year ?? 0,
        (f.month ?? 1) - 1,
        f.day ?? 1,
        f.hour ?? 0,
        f.minute ?? 0,
        f.second ?? 0,
      );
      offset = asUtc - probe;
      this.offsets.set(hour, offset);
    }
    return offset;
  }
}

/** `2024-01-01T12:00:00.000+00:00` (import jobs' `gmt_create`). */
export function utcMillis(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}
