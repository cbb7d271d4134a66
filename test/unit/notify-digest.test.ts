import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../src/notifiers/email/index.js';
import type { DigestReport } from '../../src/notifiers/index.js';
import { bulkEvents, FAILED_JOB, WATCH_FAILING } from '../support/notify-fixtures.js';

const [done] = bulkEvents(1);

const REPORT: DigestReport = {
  name: 'daily',
  windowStart: '2024-10-29T01:00:00.000Z',
  windowEnd: '2024-10-30T01:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  counts: [
    { kind: 'fine_tune', status: 'SUCCEEDED', count: 1 },
    { kind: 'fine_tune', status: 'FAILED', count: 1 },
    { kind: 'compression', status: 'RUNNING', count: 1 },
  ],
  finished: done ? [done.job] : [],
  failures: [FAILED_JOB],
  live: [
    {
      job: {
        kind: 'compression',
        account: 'prod',
        id: 'cj-1',
        status: 'RUNNING',
        rawStatus: 'RUNNING',
        name: 'quant-4bit',
      },
      ageMs: 3 * 3_600_000 + 120_000,
    },
  ],
  watchProblems: [WATCH_FAILING],
};

describe('renderDigest', () => {
  const mail = renderDigest(REPORT, { subjectPrefix: '[dashwatch]' });

  it('summarises the window in the subject', () => {
    expect(mail.subject).toBe('[dashwatch] daily digest: 1 finished, 1 failed, 1 live, 1 watch problem');
  });

  it('shows the window in the digest zone, outputs, durations, errors, ages and watch problems', () => {
    expect(mail.text).toContain('2024-10-29 09:00 Asia/Shanghai → 2024-10-30 09:00 Asia/Shanghai');
    expect(mail.text).toContain('Output model: qwen-plus-ft-ft-bulk-0000');
    expect(mail.text).toContain('Duration: 1h21m27s');
    expect(mail.text).toContain('Error: InvalidParameter');
    expect(mail.text).toContain('Training file line 42');
    expect(mail.text).toContain('RUNNING: for 3h2m');
    expect(mail.text).toContain('WATCH FAILING');
    expect(mail.text).toContain('Compression   RUNNING    1');
    expect(mail.html).toContain('<code>qwen-plus-ft-ft-bulk-0000</code>');
  });

  it('says so when nothing happened', () => {
    const empty = renderDigest(
      { ...REPORT, counts: [], finished: [], failures: [], live: [], watchProblems: [] },
      { subjectPrefix: '[dashwatch]' },
    );
    expect(empty.subject).toBe('[dashwatch] daily digest: no job activity');
  });
});
