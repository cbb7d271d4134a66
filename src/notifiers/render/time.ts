import { formatDuration } from '../../config/duration.js';

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

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** `2024-10-29 16:53 Asia/Shanghai`: an instant as the reader's wall clock shows it. */
export function formatInstant(iso: string, timeZone = 'UTC'): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return iso;
  let formatter = zoneFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  const part: Record<string, string> = {};
  for (const { type, value } of formatter.formatToParts(at)) part[type] = value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} ${timeZone}`;
}
