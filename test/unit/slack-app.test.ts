import { describe, expect, it } from 'vitest';
import type { JobEvent, JobStatus } from '../../src/core/types.js';
import { NotifyError } from '../../src/notifiers/index.js';
import { classifySlackApiResponse, isThreadOp, renderSlackApp } from '../../src/notifiers/slack/index.js';

const event = (id: string, to: JobStatus): JobEvent => ({
  id: `e-${id}-${to}`,
  type: 'transition',
  from: 'RUNNING',
  to,
  detectedAt: '2026-01-01T00:00:00.000Z',
  job: { kind: 'fine_tune', account: 'prod', id, status: to, rawStatus: to },
});

describe('renderSlackApp', () => {
  it('makes each job event a step in its job thread; FAILED replies are broadcast', () => {
    const messages = renderSlackApp([event('ft-1', 'SUCCEEDED'), event('ft-2', 'FAILED')], {
      maxJobsPerMessage: 20,
      burst: 5,
    });
    expect(messages.map((m) => (isThreadOp(m) ? [m.thread, m.broadcast] : 'post'))).toEqual([
      ['prod/fine_tune/ft-1', false],
      ['prod/fine_tune/ft-2', true],
    ]);
  });

  it('sums up a burst of more jobs than `burst` in one message', () => {
    const batch = Array.from({ length: 6 }, (_, i) => event(`ft-${i}`, 'SUCCEEDED'));
    const messages = renderSlackApp(batch, { maxJobsPerMessage: 20, burst: 5 });
    expect(messages).toHaveLength(1);
    expect(messages.some(isThreadOp)).toBe(false);
    expect(renderSlackApp(batch.slice(0, 5), { maxJobsPerMessage: 20, burst: 5 })).toHaveLength(5);
  });
});

describe('classifySlackApiResponse', () => {
  const answer = (status: number, body: object, retryAfter: string | null = null) =>
    classifySlackApiResponse('team', 'chat.postMessage', { status, body: JSON.stringify(body), retryAfter }, [
      'xoxb-secret-token',
    ]);

  it('takes ok with its ts and channel id', () => {
    expect(answer(200, { ok: true, ts: '1.2', channel: 'C1' })).toEqual({ ts: '1.2', channel: 'C1' });
  });

  it.each([
    [429, 'ratelimited', true, '3', 3000],
    [200, 'internal_error', true, null, undefined],
    [503, 'service_unavailable', true, null, undefined],
    [200, 'channel_not_found', false, null, undefined],
    [200, 'not_in_channel', false, null, undefined],
    [200, 'invalid_auth', false, null, undefined],
    [200, 'msg_too_long', false, null, undefined],
  ])('HTTP %d %s: retryable %s', (status, error, retryable, retryAfter, retryAfterMs) => {
    const failure = answer(status, { ok: false, error }, retryAfter);
    expect(failure).toBeInstanceOf(NotifyError);
    const { code, retryable: r, retryAfterMs: wait } = failure as NotifyError;
    expect({ code, retryable: r, wait }).toEqual({ code: error, retryable, wait: retryAfterMs });
  });

  it('says what to fix for a permanent error, never the token', () => {
    const failure = answer(200, { ok: false, error: 'invalid_auth xoxb-secret-token' }) as NotifyError;
    expect(failure.message).not.toContain('xoxb-secret-token');
    expect((answer(200, { ok: false, error: 'not_in_channel' }) as NotifyError).message).toContain('/invite');
  });
});
