import { parseDuration } from '../../core/duration.js';
import { UsageError } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTION } from '../load-config.js';

/** The options every job command shares: which account, from which configuration. */
export const ACCOUNT_OPTIONS = { ...CONFIG_OPTION, account: { type: 'string', short: 'a' } } as const;
export const ACCOUNT_HELP = {
  ...CONFIG_HELP,
  account: 'the configured account to use (default: the only one; env-only mode has one)',
};

/** How long and how often to wait for a job. */
export const WAIT_OPTIONS = { timeout: { type: 'string' }, interval: { type: 'string' } } as const;
export const WAIT_HELP = {
  timeout: 'give up after this long (e.g. 30m, 2h): exit 5 (default: wait until the job ends)',
  interval: 'time between polls (default 10s)',
};

export const DEFAULT_INTERVAL_MS = 10_000;
/** Polling faster gains nothing but throttling. */
const MIN_INTERVAL_MS = 100;

/** `--timeout` and `--interval`, checked: a bad value is bad usage, before any request. */
export function waitTimes(values: Record<string, unknown>): { intervalMs: number; timeoutMs?: number } {
  const intervalMs = durationOption(values, 'interval') ?? DEFAULT_INTERVAL_MS;
  if (intervalMs < MIN_INTERVAL_MS) throw new UsageError(`--interval must be at least ${MIN_INTERVAL_MS}ms`);
  const timeoutMs = durationOption(values, 'timeout');
  if (timeoutMs === 0) throw new UsageError('--timeout must be longer than 0');
  return { intervalMs, ...(timeoutMs === undefined ? {} : { timeoutMs }) };
}

function durationOption(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (typeof raw !== 'string') return undefined;
  const ms = parseDuration(raw);
  if (ms === undefined) throw new UsageError(`--${name}: not a duration: "${raw}" (e.g. 500ms, 30s, 5m, 2h)`);
  // Node's timers cannot wait longer than 2^31-1 ms (24.8 days); longer would fire at once.
  if (ms > 2_147_483_647) throw new UsageError(`--${name}: at most 24 days`);
  return ms;
}

/** The one positional a command takes, or bad usage. */
export function onePositional(positionals: string[], what: string): string {
  const [value, ...extra] = positionals;
  if (value === undefined || value.trim() === '' || extra.length > 0)
    throw new UsageError(`name exactly one ${what}`);
  return value.trim();
}
