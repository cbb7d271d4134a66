import type { Redis } from 'ioredis';
import { deadline } from '../core/deadline.js';
import type { Logger } from '../core/logger.js';
import type { Watch } from '../core/watch.js';
import { withLease } from '../redis/lock.js';
import { AccountSlots } from './account-slots.js';
import type { CycleOutcome } from './poll-cycle.js';
import type { PollJobData } from './schedulers.js';
import { TroubledLane } from './troubled-lane.js';

export interface PollProcessorOptions {
  redis: Redis;
  prefix: string;
  /** The watches this process polls now (the map changes on a configuration reload). */
  watches(): ReadonlyMap<string, Watch>;
  cycle(watch: Watch, signal: AbortSignal): Promise<CycleOutcome>;
  /** Cycles this process runs at once (the poll worker's concurrency; a reload may change it). */
  concurrency(): number;
  cycleTimeoutMs(): number;
  /** Aborted when the process stops. */
  shutdown: AbortSignal;
  logger: Logger;
  onCycle?: (watch: Watch, outcome: CycleOutcome, durationMs: number) => void;
}

/** Why a poll did not run a cycle: not a failure, the next interval polls again. */
export type Skipped = {
  skipped: string;
  reason: 'not ours' | 'still running' | 'account busy' | 'troubled lane full';
};

/** How long a poll waits for its account to have a free slot before it gives this interval up. */
const SLOT_WAIT_MS = 5000;
const ACCOUNT_BUSY = Symbol('account busy');

/**
 * What a poll job does. A watch never runs two cycles at once (a lease, renewed while the cycle
 * runs); a cycle that runs past `cycleTimeoutMs` is aborted; one account never holds more than half
 * of this process's slots (a poll waits a moment for its account's turn, then gives this interval
 * up); and watches in trouble share all slots but one (see TroubledLane). So an account whose API
 * hangs or whose list never ends cannot starve a healthy one.
 */
export function pollProcessor(options: PollProcessorOptions) {
  const { logger } = options;
  const slots = new AccountSlots(() => Math.max(1, Math.ceil(options.concurrency() / 2)));
  const lane = new TroubledLane(() => Math.max(1, options.concurrency() - 1));
  return async (job: { data: PollJobData }): Promise<CycleOutcome | Skipped> => {
    const watch = options.watches().get(job.data.watchId);
    // Another process with a newer config may own this scheduler; not ours to poll.
    if (watch === undefined) return { skipped: job.data.watchId, reason: 'not ours' };
    const troubled = lane.isTroubled(watch.id);
    if (troubled && !lane.enter()) {
      logger.debug({ watch: watch.id }, 'troubled watches hold their share of slots; skipped this poll');
      return { skipped: watch.id, reason: 'troubled lane full' };
    }
    try {
      return await pollWithSlot(watch, troubled);
    } finally {
      if (troubled) lane.leave();
    }
  };

  async function pollWithSlot(watch: Watch, troubled: boolean): Promise<CycleOutcome | Skipped> {
    // The lease first: the next poll of a watch whose cycle still runs is skipped at once, instead of
    // holding a worker slot while it waits for its account's turn.
    const leaseMs = Math.max(3 * watch.intervalMs, 5000);
    const key = `${options.prefix}:lease:{${watch.id}}`;
    const outcome = await withLease(options.redis, key, leaseMs, async () => {
      // A watch in trouble does not wait for its account either.
      if (!(await slots.acquire(watch.account, troubled ? 0 : SLOT_WAIT_MS, options.shutdown)))
        return ACCOUNT_BUSY;
      const started = performance.now();
      const limit = deadline(options.cycleTimeoutMs(), options.shutdown);
      try {
        const result = await options.cycle(watch, limit.signal);
        const durationMs = performance.now() - started;
        lane.record(watch.id, result.result === 'failed' || durationMs > watch.intervalMs);
        options.onCycle?.(watch, result, durationMs);
        return result;
      } finally {
        limit.dispose();
        slots.release(watch.account);
      }
    });
    if (outcome === undefined) {
      logger.debug({ watch: watch.id }, 'previous cycle still running; skipped this one');
      return { skipped: watch.id, reason: 'still running' };
    }
    if (outcome === ACCOUNT_BUSY) {
      logger.debug({ watch: watch.id }, 'account busy in this process; skipped this poll');
      return { skipped: watch.id, reason: 'account busy' };
    }
    return outcome;
  }
}
