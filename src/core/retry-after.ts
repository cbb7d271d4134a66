const DELTA_SECONDS = /^\d+$/;
// All three HTTP-date forms (IMF-fixdate, RFC 850, asctime) start with a day name;
// requiring it keeps Date.parse's leniency ("1.5" parses as a year) out.
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i;

/**
 * Parses a `Retry-After` header into a wait in milliseconds: delta-seconds or an HTTP date
 * (a past date means 0). Returns undefined when absent or unparseable, so the caller backs off instead.
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (DELTA_SECONDS.test(raw)) return Number(raw) * 1000;
  if (!HTTP_DATE.test(raw)) return undefined;
  const at = Date.parse(raw);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, at - nowMs);
}
