import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { DashScopeError } from '../../src/dashscope/index.js';
import { type AttemptOutcome, type RetryPolicy, runWithRetry } from '../../src/dashscope/retry.js';

const POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, budgetMs: 10_000 };
const ENDPOINT = 'GET /api/v1/fine-tunes';

function makeError(code: string, retryable: boolean): DashScopeError {
  return new DashScopeError({
    code,
    detail: code,
    endpoint: ENDPOINT,
    retryable,
    attempts: 1,
    httpStatus: 500,
  });
}

function failure(code: string, retryable: boolean, retryAfterMs?: number): AttemptOutcome<string> {
  return {
    ok: false,
    error: makeError(code, retryable),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

function harness(outcomes: AttemptOutcome<string>[]) {
  const waits: number[] = [];
  const attempts: number[] = [];
  const deps = {
    endpoint: ENDPOINT,
    random: () => 1,
    now: () => waits.reduce((a, b) => a + b, 0),
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
  const attempt = async (n: number) => {
    attempts.push(n);
    const next = outcomes.shift();
    if (next === undefined) throw new Error('no more outcomes');
    return next;
  };
  return { waits, attempts, deps, attempt };
}

describe('runWithRetry', () => {
  it('retries only what retryIf accepts (a POST: 429, never a 500)', async () => {
    const throttled: AttemptOutcome<string> = {
      ok: false,
      error: new DashScopeError({
        code: 'Throttling',
        detail: 't',
        endpoint: ENDPOINT,
        retryable: true,
        attempts: 1,
        httpStatus: 429,
      }),
    };
    const onlyThrottling = (error: DashScopeError) => error.httpStatus === 429;
    const h = harness([throttled, { ok: true, value: 'created' }]);
    await expect(runWithRetry(h.attempt, POLICY, { ...h.deps, retryIf: onlyThrottling })).resolves.toBe(
      'created',
    );
    expect(h.attempts).toEqual([1, 2]);
    const broken = harness([failure('InternalError', true), { ok: true, value: 'second job' }]);
    await expect(
      runWithRetry(broken.attempt, POLICY, { ...broken.deps, retryIf: onlyThrottling }),
    ).rejects.toMatchObject({
      code: 'InternalError',
    });
    expect(broken.attempts).toEqual([1]);
  });

  it('backs off exponentially until success', async () => {
    const h = harness([
      failure('A', true),
      failure('B', true),
      failure('C', true),
      { ok: true, value: 'done' },
    ]);
    await expect(runWithRetry(h.attempt, POLICY, h.deps)).resolves.toBe('done');
    expect(h.attempts).toEqual([1, 2, 3, 4]);
    expect(h.waits).toEqual([100, 200, 400]);
  });

  it('prefers Retry-After over backoff', async () => {
    const h = harness([failure('Throttling', true, 3000), { ok: true, value: 'ok' }]);
    await runWithRetry(h.attempt, POLICY, h.deps);
    expect(h.waits).toEqual([3000]);
  });

  it('does not retry a permanent error', async () => {
    const h = harness([failure('InvalidApiKey', false)]);
    await expect(runWithRetry(h.attempt, POLICY, h.deps)).rejects.toMatchObject({ code: 'InvalidApiKey' });
    expect(h.attempts).toEqual([1]);
  });

  it('stops at maxAttempts with the last error', async () => {
    const h = harness(Array.from({ length: 5 }, (_, i) => failure(`E${i}`, true)));
    await expect(runWithRetry(h.attempt, POLICY, h.deps)).rejects.toMatchObject({ code: 'E4' });
    expect(h.attempts).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives up at once when Retry-After overruns the budget', async () => {
    const h = harness([failure('Throttling', true, 200_000)]);
    await expect(runWithRetry(h.attempt, POLICY, h.deps)).rejects.toMatchObject({ code: 'Throttling' });
    expect(h.waits).toEqual([]);
  });

  it('gives up when the budget is spent by earlier waits', async () => {
    const h = harness([failure('A', true, 6000), failure('B', true, 6000), { ok: true, value: 'late' }]);
    await expect(runWithRetry(h.attempt, POLICY, h.deps)).rejects.toMatchObject({ code: 'B' });
    expect(h.waits).toEqual([6000]);
  });

  it('turns thrown DashScopeErrors into outcomes and rethrows anything else', async () => {
    const h = harness([]);
    let calls = 0;
    const attempt = async (): Promise<AttemptOutcome<string>> => {
      calls++;
      if (calls === 1) throw makeError('NetworkError', true);
      return { ok: true, value: 'ok' };
    };
    await expect(runWithRetry(attempt, POLICY, h.deps)).resolves.toBe('ok');
    await expect(
      runWithRetry(
        async () => {
          throw new TypeError('bug');
        },
        POLICY,
        h.deps,
      ),
    ).rejects.toThrow(TypeError);
  });

  it('stops with Aborted when the caller aborts during a wait', async () => {
    const controller = new AbortController();
    const h = harness([failure('A', true), { ok: true, value: 'never' }]);
    const deps = {
      ...h.deps,
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
        throw new Error('aborted');
      },
    };
    await expect(runWithRetry(h.attempt, POLICY, deps)).rejects.toMatchObject({
      code: 'Aborted',
      retryable: false,
    });
    expect(h.attempts).toEqual([1]);
  });

  it('logs each retry with structured fields', async () => {
    const lines: string[] = [];
    const destination = { write: (line: string) => lines.push(line) } as unknown as Writable;
    const logger = createLogger({ level: 'trace', destination });
    const h = harness([failure('InternalError', true), { ok: true, value: 'ok' }]);
    await runWithRetry(h.attempt, POLICY, { ...h.deps, logger });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 40,
      endpoint: ENDPOINT,
      httpStatus: 500,
      code: 'InternalError',
      attempt: 1,
      delayMs: 100,
    });
  });
});
