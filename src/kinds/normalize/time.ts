import { zoneOffsetMs } from '../../core/zone.js';

export { isValidTimeZone } from '../../core/zone.js';

/** The zone DashScope's zoneless times are read in unless configured otherwise: they look like China time. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

// `2024-10-29 16:53:53`, `2026-05-27T18:07:16`, `2024-01-01T12:00:00.000+00:00`, `...Z`.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const DAY_MS = 86_400_000;

/**
 * The instant at which the zone's clocks show `wallMs` (a wall time encoded as if it were UTC).
 * Offsets a day either side cover any DST change in between. A wall time shown twice (clocks went
 * back) takes the earlier instant; one never shown (clocks went forward) is moved forward by the
 * gap — the same choices as Temporal's `compatible` disambiguation.
 */
function wallTimeToUtcMs(timeZone: string, wallMs: number): number | undefined {
  const before = zoneOffsetMs(timeZone, wallMs - DAY_MS);
  const after = zoneOffsetMs(timeZone, wallMs + DAY_MS);
  if (before === undefined || after === undefined) return undefined;
  const instants = [before, after]
    .filter((offset) => zoneOffsetMs(timeZone, wallMs - offset) === offset)
    .map((offset) => wallMs - offset);
  return instants.length > 0 ? Math.min(...instants) : wallMs - before;
}

/** Minutes east of UTC for `Z`, `+08:00`, `+0800` or `+08`; undefined when out of range. */
function offsetMinutes(designator: string): number | undefined {
  if (designator.toUpperCase() === 'Z') return 0;
  const hours = Number(designator.slice(1, 3));
  const minutes = designator.length > 3 ? Number(designator.slice(-2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (designator.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * A vendor timestamp as UTC ISO 8601 (`toISOString()` form). Zoneless times are read in `timeZone`;
 * times with an offset keep theirs. Anything else — null, empty, malformed, an impossible date, an
 * unknown zone — is undefined: API data must never throw here.
 */
export function toUtcIso(value: unknown, timeZone: string = DEFAULT_TIME_ZONE): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TIMESTAMP.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', designator] = match;
  const wallMs = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  // Date.UTC rolls Feb 30 into March and maps years 0–99 to 19xx; reading the fields back rejects both.
  if (new Date(wallMs).toISOString().slice(0, 19) !== `${year}-${month}-${day}T${hour}:${minute}:${second}`) {
    return undefined;
  }
  if (designator !== undefined) {
    const minutes = offsetMinutes(designator);
    return minutes === undefined ? undefined : new Date(wallMs - minutes * 60_000).toISOString();
  }
  const utcMs = wallTimeToUtcMs(timeZone, wallMs);
  return utcMs === undefined ? undefined : new Date(utcMs).toISOString();
}
