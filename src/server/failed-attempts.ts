/** How many wrong tokens one address may send in a window before it must wait. */
export interface FailedAttemptLimits {
  max: number;
  windowMs: number;
}

export const DEFAULT_FAILED_ATTEMPT_LIMITS: FailedAttemptLimits = { max: 10, windowMs: 60_000 };

/** Addresses remembered at most: a flood of addresses forgets the oldest, never grows without bound. */
const MAX_ADDRESSES = 10_000;

/**
 * Wrong tokens per client address over a sliding window, so the token cannot be guessed at network
 * speed: past `max` failures the address waits until its oldest failure leaves the window. Only
 * requests that present a token are held back; a browser signed in by its cookie is not.
 */
export class FailedAttempts {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: FailedAttemptLimits = DEFAULT_FAILED_ATTEMPT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `address` may present a token again; 0 when it may now. */
  waitMs(address: string): number {
    const recent = this.recent(address);
    if (recent.length < this.limits.max) return 0;
    return (recent[recent.length - this.limits.max] ?? 0) + this.limits.windowMs - this.now();
  }

  /** Counts a wrong token from `address`. */
  record(address: string): void {
    const recent = this.recent(address);
    recent.push(this.now());
    // Re-inserted last: the map's order is the order addresses last failed in.
    this.failures.delete(address);
    this.failures.set(address, recent.slice(-this.limits.max));
    if (this.failures.size > MAX_ADDRESSES) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  private recent(address: string): number[] {
    const since = this.now() - this.limits.windowMs;
    const kept = (this.failures.get(address) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(address);
    return kept;
  }
}
