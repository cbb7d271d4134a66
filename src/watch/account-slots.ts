import { deadline } from '../core/deadline.js';

/** At most `perAccount` cycles of one account at once, in this process; waiters are served in order. */
export class AccountSlots {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly perAccount: () => number) {}

  /** Waits up to `timeoutMs` for a slot; false when none freed in time (or the process stops). */
  async acquire(account: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    if ((this.running.get(account) ?? 0) < this.perAccount()) {
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
