/** Wall-clock fields of an instant in some zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** One formatter per zone (building them is the expensive part); undefined for an unknown zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter ?? undefined;
}

/** Whether `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  return timeZone !== '' && formatterFor(timeZone) !== undefined;
}

/**
 * The zone's offset from UTC at the instant `utcMs`, in milliseconds (east positive); undefined for
 * an unknown zone.
 */
export function zoneOffsetMs(timeZone: string, utcMs: number): number | undefined {
  const formatter = formatterFor(timeZone);
  if (formatter === undefined) return undefined;
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(utcMs)) parts[part.type] = Number(part.value);
  const wallMs = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wallMs - Math.floor(utcMs / 1000) * 1000;
}

/** The wall clock of `utcMs` given the zone's offset at that instant. */
export function wallClockAt(utcMs: number, offsetMs: number): WallClock {
  const shifted = new Date(utcMs + offsetMs);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
