/**
 * Every configured secret (API keys, webhook URLs and tokens, SMTP and Redis passwords), registered
 * once the configuration is loaded, and removed by value from any text that leaves the process: log
 * lines, errors, messages. Redaction by path catches a secret where we put it; this catches it
 * wherever a peer or a library echoes it (a `request_id`, an error message, ioredis command
 * arguments).
 */

/** Shorter values are not scrubbed: replacing them would mangle text without protecting anything. */
const MIN_LENGTH = 6;
export const REDACTED = '[redacted]';

const secrets = new Set<string>();
let pattern: RegExp | undefined;

/** Adds secrets (and the forms they take inside JSON and URLs) to what `scrubSecrets` removes. */
export function registerSecrets(values: Iterable<string | undefined>): void {
  for (const value of values) {
    if (value === undefined || value.length < MIN_LENGTH) continue;
    for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
      if (form.length >= MIN_LENGTH) secrets.add(form);
    }
  }
  // Longest first, so a URL is replaced whole before the token inside it.
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  pattern =
    sorted.length === 0
      ? undefined
      : new RegExp(sorted.map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
}

/** `text` with every registered secret replaced by `[redacted]`. */
export function scrubSecrets(text: string): string {
  return pattern === undefined ? text : text.replace(pattern, REDACTED);
}

/** A copy of `value` with every string in it scrubbed (plain objects and arrays are walked). */
export function scrubDeep<T>(value: T): T {
  if (pattern === undefined) return value;
  if (typeof value === 'string') return scrubSecrets(value) as T;
  if (Array.isArray(value)) return value.map(scrubDeep) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item)])) as T;
  }
  return value;
}

/** Forgets every registered secret (tests; a reload registers the new configuration's). */
export function clearSecrets(): void {
  secrets.clear();
  pattern = undefined;
}
