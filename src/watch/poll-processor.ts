import type { Redis } from 'ioredis';
import { deadline } from '../core/deadline.js';
import type { Logger } from '../core/logger.js';
import type { Watch } from '../core/watch.js';
import { withLease } from '../redis/lock.js';
import type { CycleOutcome } from './poll-cycle.js';
import type { PollJobData } from './schedulers.js';

export interface PollProcessorOptions {
  redis: Redis;
  prefix: string;
  /** The watches this process polls now (the map changes on a configuration reload). */
  watches(): ReadonlyMap<string, Watch>;
  cycle(watch: Watch, signal: AbortSignal): Promise<CycleOutcome>;
  /** Cycles this process runs at once (the poll worker's concurrency). */
  concurrency: number;
  cycleTimeoutMs(): number;
  /** Aborted when the process stops. */
  shutdown: AbortSignal;
  logger: Logger;
  onCycle?: (watch: Watch, outcome: CycleOutcome, durationMs: number) => void;
}

/** Why a poll did not run a cycle: not a failure, the next interval polls again. */
export type Skipped = { skipped: string; reason: 'not ours' | 'still running' | 'account busy' };

/** How long a poll waits for its account to have a free slot before it gives this interval up. */
const SLOT_WAIT_MS = 5000;

/**
 * What a poll job does. A watch never runs two cycles at once (a lease, renewed while the cycle
 * runs); a cycle that runs past `cycleTimeoutMs` is aborted; and one account never holds more than
 * half of this process's slots (a poll waits a moment for its account's turn, then gives this
 * interval up), so an account whose API hangs cannot starve a healthy one.
 */
export function pollProcessor(options: PollProcessorOptions) {
  const { logger } = options;
  const slots = new AccountSlots(Math.max(1, Math.ceil(options.concurrency / 2)));
  return async (job: { data: PollJobData }): Promise<CycleOutcome | Skipped> => {
    const watch = options.watches().get(job.data.watchId);
    // Another process with a newer config may own this scheduler; not ours to poll.
    if (watch === undefined) return { skipped: job.data.watchId, reason: 'not ours' };
    if (!(await slots.acquire(watch.account, SLOT_WAIT_MS, options.shutdown))) {
      logger.debug({ watch: watch.id }, 'account busy in this process; skipped this poll');
      return { skipped: watch.id, reason: 'account busy' };
    }
    const started = performance.now();
    const limit = deadline(options.cycleTimeoutMs(), options.shutdown);
    try {
      const leaseMs = Math.max(3 * watch.intervalMs, 5000);
      const key = `${options.prefix}:lease:{${watch.id}}`;
      const outcome = await withLease(options.redis, key, leaseMs, () => options.cycle(watch, limit.signal));
      if (outcome === undefined) {
        logger.debug({ watch: watch.id }, 'previous cycle still running; skipped this one');
        return { skipped: watch.id, reason: 'still running' };
      }
      options.onCycle?.(watch, outcome, performance.now() - started);
      return outcome;
    } finally {
      limit.dispose();
      slots.release(watch.account);
    }
  };
}

/** At most `perAccount` cycles of one account at once, in this process; waiters are served in order. */
class AccountSlots {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly perAccount: number) {}

  /** Waits up to `timeoutMs` for a slot; false when none freed in time (or the process stops). */
  async acquire(account: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    if ((this.running.get(account) ?? 0) < this.perAccount) {
      this.running.set(account, (this.running.get(account) ?? 0) + 1);
      return true;
    }
    const limit = deadline(timeoutMs, signal);
    try {
      return await new Promise<boolean>((resolve) => {
        const queue = this.waiting.get(account) ?? [];
        const grant = () => resolve(true);
        queue.push(grant);
        this.waiting.set(account, queue);
        limit.signal.addEventListener('abort', () => {
          const at = queue.indexOf(grant);
          if (at >= 0) queue.splice(at, 1);
          resolve(false);
        });
      });
    } finally {
      limit.dispose();
    }
  }

  /** Frees a slot: to the next waiter of the account, if any. */
  release(account: string): void {
    const next = this.waiting.get(account)?.shift();
    // The slot passes to the waiter as it is: the account's count stays the same.
    if (next !== undefined) {
      next();
      return;
    }
    const left = (this.running.get(account) ?? 1) - 1;
    if (left > 0) this.running.set(account, left);
    else this.running.delete(account);
  }
}
