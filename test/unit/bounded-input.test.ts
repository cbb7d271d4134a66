import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { JobEvent } from '../../src/core/types.js';
import { KINDS } from '../../src/kinds/index.js';
import { normalizeItems } from '../../src/kinds/normalize/items.js';
import { ERROR_TEXT_MAX, TEXT_MAX } from '../../src/kinds/normalize/record.js';
import { createUnknownStatusReporter } from '../../src/kinds/normalize/unknown-status.js';
import { renderEventMail } from '../../src/notifiers/email/index.js';
import { renderSlackMessages } from '../../src/notifiers/slack/index.js';

const ctx = { account: 'acct', timeZone: 'Asia/Shanghai' };
const logger = createLogger({ level: 'silent' });

function normalizeOne(item: Record<string, unknown>) {
  const { records } = normalizeItems(KINDS.fine_tune, [item], ctx, logger, createUnknownStatusReporter());
  const [record] = records;
  if (record === undefined) throw new Error('no record');
  return record;
}

describe('API text is bounded at normalization', () => {
  it('cuts a 10 MB name to 256 characters, saying how much was cut', () => {
    const record = normalizeOne({ job_id: 'ft-1', status: 'FAILED', job_name: 'n'.repeat(10_000_000) });
    expect(record.name?.startsWith('n'.repeat(TEXT_MAX))).toBe(true);
    expect(record.name).toMatch(/ …\[9,999,744 more characters cut\]$/);
    expect(record.name?.length).toBeLessThan(TEXT_MAX + 40);
  });

  it('cuts error text at 4 KB and keeps short text as it is', () => {
    const record = normalizeOne({ job_id: 'ft-1', status: 'FAILED', code: 'E', message: 'm'.repeat(50_000) });
    expect(record.error?.message?.length).toBeLessThan(ERROR_TEXT_MAX + 40);
    expect(normalizeOne({ job_id: 'ft-2', status: 'FAILED', job_name: '我的 LoRA 调优模型' }).name).toBe(
      '我的 LoRA 调优模型',
    );
  });

  it('removes bidi overrides and zero-width characters from names', () => {
    const record = normalizeOne({
      job_id: 'ft-1',
      status: 'RUNNING',
      job_name: 'invoice\u202Efdp.exe\u200B\u2066x\u2069\uFEFF',
    });
    expect(record.name).toBe('invoicefdp.exex');
  });

  it('keeps an id exactly unless it is absurd, then a prefix and a hash (two long ids still differ)', () => {
    expect(normalizeOne({ job_id: 'ft-202410291653-1c7f', status: 'RUNNING' }).id).toBe(
      'ft-202410291653-1c7f',
    );
    const a = normalizeOne({ job_id: `${'x'.repeat(1000)}a`, status: 'RUNNING' }).id;
    const b = normalizeOne({ job_id: `${'x'.repeat(1000)}b`, status: 'RUNNING' }).id;
    expect(a.length).toBeLessThanOrEqual(TEXT_MAX);
    expect(a).not.toBe(b);
  });
});

describe('a huge event renders within the channels’ limits', () => {
  const event = (name: string): JobEvent => ({
    id: 'e1',
    type: 'transition',
    from: 'RUNNING',
    to: 'FAILED',
    detectedAt: '2026-01-01T00:00:00.000Z',
    job: {
      ...normalizeOne({ job_id: 'ft-1', status: 'FAILED', job_name: name, message: 'x'.repeat(100_000) }),
    },
  });

  it('one Slack message and one small mail for a job whose name was 10 MB', () => {
    const huge = event('n'.repeat(10_000_000));
    const slack = renderSlackMessages([huge], { maxJobsPerMessage: 20 });
    expect(slack).toHaveLength(1);
    expect(JSON.stringify(slack).length).toBeLessThan(20_000);
    const mail = renderEventMail([huge], { subjectPrefix: '[dashwatch]' });
    expect(mail.text.length + mail.html.length).toBeLessThan(30_000);
  });
});
