import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { JobNotFoundError, type WaitUpdate, waitForJob } from '../../src/jobs/index.js';
import { KINDS } from '../../src/kinds/index.js';
import type { JobsApi } from '../../src/kinds/scan/jobs-api.js';

const ID = 'ft-202410291653-1c7f';

/** A JobsApi whose detail answers come from `answer`, one call at a time. */
function api(answer: (call: number, signal: AbortSignal) => Promise<unknown>): JobsApi & { calls: number } {
  const fake = {
    calls: 0,
    requestCount: 0,
    list: async () => {
      throw new Error('no list expected');
    },
    detail: async (_path: string, signal: AbortSignal) => answer(fake.calls++, signal),
    array: async () => [],
  };
  return fake;
}

const base = {
  kind: KINDS.fine_tune,
  id: ID,
  account: 'default',
  timeZone: 'Asia/Shanghai',
  logger: createLogger({ level: 'silent' }),
  intervalMs: 1,
};

describe('waitForJob', () => {
  it('polls until the job ends, reporting each change once and reading after every poll', async () => {
    const statuses = ['PENDING', 'PENDING', 'RUNNING', 'RUNNING', 'SUCCEEDED'];
    const updates: WaitUpdate[] = [];
    const reads: string[] = [];
    const outcome = await waitForJob({
      ...base,
      api: api(async (call) => ({
        job_id: ID,
        status: statuses[call],
        create_time: '2024-10-29 16:53:53',
        ...(statuses[call] === 'SUCCEEDED'
          ? { finetuned_output: 'qwen3-14b-ft', end_time: '2024-10-29 17:11:26' }
          : {}),
      })),
      onUpdate: (update) => updates.push(update),
      afterRead: async (job) => {
        reads.push(job.status);
      },
    });
    expect(outcome).toMatchObject({ ended: true, job: { status: 'SUCCEEDED', output: 'qwen3-14b-ft' } });
    expect(updates.map((u) => [u.job.status, u.changed])).toEqual([
      ['PENDING', true],
      ['PENDING', false],
      ['RUNNING', true],
      ['RUNNING', false],
      ['SUCCEEDED', true],
    ]);
    // PENDING dates from creation and SUCCEEDED from the end, both in China time.
    expect(new Date(updates[0]?.statusSinceMs ?? 0).toISOString()).toBe('2024-10-29T08:53:53.000Z');
    expect(new Date(updates[4]?.statusSinceMs ?? 0).toISOString()).toBe('2024-10-29T09:11:26.000Z');
    expect(reads).toEqual(statuses);
  });

  it('times out between polls, with the last reading', async () => {
    const outcome = await waitForJob({
      ...base,
      intervalMs: 10,
      timeoutMs: 60,
      api: api(async () => ({ job_id: ID, status: 'RUNNING' })),
    });
    expect(outcome).toMatchObject({ ended: false, job: { status: 'RUNNING' } });
  });

  it('times out a request in flight instead of waiting for it', async () => {
    const started = performance.now();
    const outcome = await waitForJob({
      ...base,
      timeoutMs: 50,
      api: api(async (_call, signal) => {
        await once(signal, 'abort');
        throw signal.reason;
      }),
    });
    expect(outcome).toEqual({ ended: false, elapsedMs: expect.any(Number) });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('throws JobNotFoundError when the API has no such job', async () => {
    await expect(waitForJob({ ...base, api: api(async () => null) })).rejects.toBeInstanceOf(
      JobNotFoundError,
    );
  });
});
