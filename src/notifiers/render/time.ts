import { formatDuration } from '../../core/duration.js';
import { pad2, wallClockAt, zoneOffsetMs } from '../../core/zone.js';

/** Milliseconds from `from` to `to` (ISO strings), or undefined when either is absent or unparseable. */
export function elapsedMs(from: string | undefined, to: string | undefined): number | undefined {
  if (from === undefined || to === undefined) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** `1h2m`, or undefined when the span is unknown. */
export function spanText(from: string | undefined, to: string | undefined): string | undefined {
  const ms = elapsedMs(from, to);
  return ms === undefined ? undefined : formatDuration(ms);
}

/** `2024-10-29 16:53 Asia/Shanghai`: an instant as the reader's wall clock shows it. */
export function formatInstant(iso: string, timeZone = 'UTC'): string {
  const at = Date.parse(iso);
  const offset = Number.isFinite(at) ? zoneOffsetMs(timeZone, at) : undefined;
  if (offset === undefined) return iso;
  const c = wallClockAt(at, offset);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)} ${pad2(c.hour)}:${pad2(c.minute)} ${timeZone}`;
}
