import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../core/logger.js';
import { backoffDelay } from './backoff.js';
import { DashScopeError } from './dashscope-error.js';

/** Bounds on retrying one call. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No wait may end later than this long after the first attempt started. */
  budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  budgetMs: 120_000,
};

/** Waits `ms`, rejecting early if `signal` aborts. Injectable so unit tests need not wait. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal === undefined ? undefined : { signal });
};

/** The result of one attempt: a value, or an error plus the server's requested wait. */
export type AttemptOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: DashScopeError; retryAfterMs?: number };

/** What the retry loop needs besides the policy. */
export interface RetryDeps {
  endpoint: string;
  random: () => number;
  sleep: Sleep;
  /** Monotonic milliseconds. */
  now: () => number;
  logger?: Logger;
  signal?: AbortSignal;
  /** Narrows which retryable failures are retried (a POST is retried only when it cannot have been acted on). */
  retryIf?: (error: DashScopeError) => boolean;
}

/**
 * Runs `attempt(1)`, `attempt(2)`, … until one succeeds or a failure is final: not retryable,
 * out of attempts, or its wait (Retry-After if given, else full-jitter backoff) would overrun the
 * budget. Throws the last `DashScopeError`; a caller abort throws code `Aborted`.
 */
export async function runWithRetry<T>(
  attempt: (n: number) => Promise<AttemptOutcome<T>>,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<T> {
  const started = deps.now();
  for (let n = 1; ; n++) {
    if (deps.signal?.aborted) throw aborted(deps.endpoint, n - 1);
    const outcome = await settle(attempt, n);
    if (outcome.ok) return outcome.value;
    const { error } = outcome;
    if (!error.retryable || n >= policy.maxAttempts) throw error;
    if (deps.retryIf !== undefined && !deps.retryIf(error)) throw error;

    const waitMs = outcome.retryAfterMs ?? backoffDelay(n - 1, policy, deps.random);
    const fields = {
      endpoint: deps.endpoint,
      httpStatus: error.httpStatus,
      code: error.code,
      requestId: error.requestId,
      attempt: n,
      delayMs: waitMs,
    };
    if (deps.now() - started + waitMs > policy.budgetMs) {
      deps.logger?.warn(
        { ...fields, budgetMs: policy.budgetMs },
        'dashscope retry budget exhausted; giving up',
      );
      throw error;
    }
    deps.logger?.warn(fields, 'dashscope request failed; retrying');
    try {
      await deps.sleep(waitMs, deps.signal);
    } catch (sleepError) {
      if (deps.signal?.aborted) throw aborted(deps.endpoint, n);
      throw sleepError;
    }
  }
}

async function settle<T>(
  attempt: (n: number) => Promise<AttemptOutcome<T>>,
  n: number,
): Promise<AttemptOutcome<T>> {
  try {
    return await attempt(n);
  } catch (error) {
    if (error instanceof DashScopeError) return { ok: false, error };
    throw error;
  }
}

function aborted(endpoint: string, attempts: number): DashScopeError {
  return new DashScopeError({
    code: 'Aborted',
    detail: 'aborted by the caller',
    endpoint,
    retryable: false,
    attempts,
  });
}
