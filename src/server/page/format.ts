import { formatDuration } from '../../core/duration.js';
import { pad2, wallClockAt, zoneOffsetMs } from '../../core/zone.js';
import { html, type SafeHtml } from './html.js';

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, number>();

/**
 * The zone's offset at `ms`, remembered per quarter hour (zones change offset on quarter-hour
 * boundaries): asking Intl costs tens of microseconds, and a page shows thousands of times.
 */
function offsetAt(timeZone: string, ms: number): number {
  const key = `${timeZone}@${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= 10_000) offsets.clear();
    offset = zoneOffsetMs(timeZone, ms) ?? 0;
    offsets.set(key, offset);
  }
  return offset;
}

/** `14:03`, or `06-01 14:03` when not on the day of `nowMs`, as the wall clock of `timeZone` shows it. */
export function clockText(atMs: number, nowMs: number, timeZone: string): string {
  const at = wallClockAt(atMs, offsetAt(timeZone, atMs));
  const now = wallClockAt(nowMs, offsetAt(timeZone, nowMs));
  const time = `${pad2(at.hour)}:${pad2(at.minute)}`;
  const sameDay = at.year === now.year && at.month === now.month && at.day === now.day;
  return sameDay ? time : `${pad2(at.month)}-${pad2(at.day)} ${time}`;
}

/** A `<time>` element for an ISO instant, or a dash when there is none. */
export function timeElement(iso: string | null | undefined, nowMs: number, timeZone: string): SafeHtml {
  const at = iso == null ? Number.NaN : Date.parse(iso);
  if (!Number.isFinite(at)) return html`<span class="none">—</span>`;
  return html`<time datetime="${new Date(at).toISOString()}">${clockText(at, nowMs, timeZone)}</time>`;
}

/** `2h5m`; a span under a minute shows seconds. */
export function durationText(ms: number): string {
  return formatDuration(ms < 60_000 ? Math.max(0, ms) : Math.floor(ms / 60_000) * 60_000);
}
