import { every, type Repeating } from '../core/every.js';
import type { Logger } from '../core/logger.js';
import type { RedisClient } from './client.js';

/** What is wrong with Redis, as a person reads it; undefined when it answers and takes writes. */
export type RedisProblem = string | undefined;

export interface RedisMonitorOptions {
  redis: RedisClient;
  /** The probe key (under the deployment's prefix); written with a short TTL. */
  probeKey: string;
  logger: Logger;
  /** How often to probe. */
  intervalMs?: number;
  /** How long a probe may take before Redis counts as not answering. */
  timeoutMs?: number;
  /** How long a problem lasts before `onPersist` is called (once per episode). */
  persistMs?: number;
  onChange?(problem: RedisProblem): void;
  onPersist?(problem: string, sinceMs: number): void;
  onRecover?(problem: string, sinceMs: number): void;
  now?: () => number;
}

/** Errors that mean Redis answers but refuses what we ask: full, a read-only replica, disk errors, auth. */
export function refusal(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const code = /^(OOM|READONLY|MISCONF|NOAUTH|WRONGPASS|NOPERM|LOADING|MASTERDOWN|CLUSTERDOWN)\b/.exec(
    message,
  )?.[1];
  return code === undefined ? undefined : `${code}: ${message.split('.')[0]}`;
}

/**
 * Knows, without asking Redis at request time, whether Redis answers and takes writes: it writes a
 * probe key every few seconds. `/readyz` and the workers read `problem`; a problem that lasts is
 * reported once (`onPersist`) and its end once (`onRecover`), instead of a line per failed call.
 */
export class RedisMonitor {
  private current: RedisProblem;
  private since = 0;
  private persisted = false;
  private repeating: Repeating | undefined;
  private readonly now: () => number;

  constructor(private readonly options: RedisMonitorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** What is wrong now, from the last probe. */
  get problem(): RedisProblem {
    return this.current;
  }

  start(): void {
    this.repeating = every(this.options.intervalMs ?? 5000, async () => {
      await this.probe();
    });
  }

  stop(): void {
    this.repeating?.stop();
  }

  /** One probe: a SET with a TTL, within the timeout. */
  async probe(): Promise<RedisProblem> {
    const timeoutMs = this.options.timeoutMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      this.options.redis.set(this.options.probeKey, String(this.now()), 'PX', 60_000).then(
        () => undefined,
        (error: unknown) => refusal(error) ?? `redis failed: ${(error as Error).message}`,
      ),
      new Promise<string>((resolve) => {
        timer = setTimeout(resolve, timeoutMs, `redis does not answer within ${timeoutMs} ms`);
      }),
    ]);
    clearTimeout(timer);
    this.record(outcome);
    return outcome;
  }

  private record(problem: RedisProblem): void {
    const at = this.now();
    const before = this.current;
    if (problem === undefined) {
      if (before !== undefined) {
        this.options.logger.info({ problem: before, durationMs: at - this.since }, 'redis is healthy again');
        if (this.persisted) this.options.onRecover?.(before, this.since);
        this.options.onChange?.(undefined);
      }
      this.current = undefined;
      this.persisted = false;
      return;
    }
    if (before === undefined) {
      this.since = at;
      this.options.logger.error({ problem }, 'redis problem');
      this.options.onChange?.(problem);
    }
    this.current = problem;
    if (!this.persisted && at - this.since >= (this.options.persistMs ?? 60_000)) {
      this.persisted = true;
      this.options.onPersist?.(problem, this.since);
    }
  }
}
