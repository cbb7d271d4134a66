import type { Logger } from './logger.js';

/** How long a cause stays quiet after it was logged. */
export const THROTTLE_WINDOW_MS = 30_000;

/**
 * Logs a persistent cause at most once per window, with how many times it recurred meanwhile
 * (`repeats`): a Redis refusing writes or a peer failing every call must not write a hundred
 * thousand lines.
 */
export class LogThrottle {
  private readonly causes = new Map<string, { until: number; repeats: number }>();

  constructor(
    private readonly windowMs = THROTTLE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Logs `msg` for `cause` unless that cause was logged within the window; returns whether it did. */
  log(
    logger: Logger,
    level: 'warn' | 'error' | 'info',
    cause: string,
    fields: Record<string, unknown>,
    msg: string,
  ): boolean {
    const at = this.now();
    const state = this.causes.get(cause);
    if (state !== undefined && at < state.until) {
      state.repeats += 1;
      return false;
    }
    const repeats = state?.repeats ?? 0;
    this.causes.set(cause, { until: at + this.windowMs, repeats: 0 });
    logger[level]({ ...fields, ...(repeats > 0 ? { repeats } : {}) }, msg);
    // Causes that stopped recurring are forgotten, so the map stays the size of what is failing now.
    if (this.causes.size > 1000) {
      for (const [key, value] of this.causes) if (value.until < at) this.causes.delete(key);
    }
    return true;
  }
}
