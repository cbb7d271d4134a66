import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/core/types.js';
import { renderDingtalkDigest } from '../../src/notifiers/dingtalk/index.js';
import { renderFeishuDigest } from '../../src/notifiers/feishu/index.js';
import type { DigestReport } from '../../src/notifiers/index.js';
import { groupSweeps } from '../../src/notifiers/render/index.js';
import { renderSlackDigest } from '../../src/notifiers/slack/index.js';
import { renderWecomDigest, WECOM_MAX_BYTES } from '../../src/notifiers/wecom/index.js';
import { FAILED_JOB } from '../support/notify-fixtures.js';

const job = (id: string, extra: Partial<JobRecord>): JobRecord => ({
  ...FAILED_JOB,
  id,
  error: undefined,
  ...extra,
});

/** A busy day: one sweep of 40 that succeeded, 300 unrelated jobs, 25 distinct failures. */
function busyDay(): DigestReport {
  const sweep = Array.from({ length: 40 }, (_, i) =>
    job(`ft-sweep-${i}`, { name: `lr-sweep-${String(i).padStart(2, '0')}`, status: 'SUCCEEDED' }),
  );
  const others = Array.from({ length: 300 }, (_, i) =>
    job(`ft-other-${i}`, {
      name: `${'x'.repeat(60)}-${String.fromCharCode(97 + (i % 26))}${i}z`,
      status: 'SUCCEEDED',
      output: `out-${i}`,
    }),
  );
  const failures = Array.from({ length: 25 }, (_, i) =>
    job(`ft-fail-${i}`, {
      name: `bad-${String.fromCharCode(97 + i)}x`,
      status: 'FAILED',
      error: { code: `E${i}` },
    }),
  );
  return {
    name: 'daily',
    windowStart: '2024-10-29T01:00:00.000Z',
    windowEnd: '2024-10-30T01:00:00.000Z',
    timeZone: 'Asia/Shanghai',
    counts: [
      { kind: 'fine_tune', status: 'FAILED', count: 25 },
      { kind: 'fine_tune', status: 'SUCCEEDED', count: 340 },
    ],
    finished: [...sweep, ...others],
    failures,
    live: [],
    watchProblems: [],
  };
}

describe('digests on chat channels', () => {
  it('group the jobs of one sweep (same name but its number, same outcome), not others', () => {
    const groups = groupSweeps([
      job('a1', { name: 'sweep-1', status: 'SUCCEEDED' }),
      job('b', { name: 'other', status: 'SUCCEEDED' }),
      job('a2', { name: 'sweep-2', status: 'SUCCEEDED' }),
      job('a3', { name: 'sweep-3', status: 'FAILED' }),
      job('m1', { name: undefined, baseModel: 'qwen3-8b', status: 'FAILED' }),
      job('m2', { name: undefined, baseModel: 'qwen3-8b', status: 'FAILED' }),
    ]);
    expect(groups.map((group) => [group.label, group.jobs.map((j) => j.id)])).toEqual([
      ['sweep', ['a1', 'a2']],
      [undefined, ['b']],
      [undefined, ['a3']],
      ['qwen3-8b', ['m1', 'm2']],
    ]);
  });

  it('WeCom: one message within 4,096 bytes, failures first, the rest counted', () => {
    const content = renderWecomDigest(busyDay()).markdown.content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(WECOM_MAX_BYTES);
    expect(content.indexOf('Failed (25)')).toBeLessThan(content.indexOf('Finished (340)'));
    expect(content).toMatch(/…and \d+ more/);
    expect(content).toContain('lr-sweep` ×40');
  });

  it('DingTalk, Feishu and Slack: one message each, within their limits, counting what is not listed', () => {
    const report = busyDay();
    const dingtalk = JSON.stringify(renderDingtalkDigest(report));
    expect(Buffer.byteLength(dingtalk)).toBeLessThanOrEqual(20_000);
    expect(dingtalk).toContain('…and 15 more');
    expect(dingtalk).toContain('…and 291 more');
    const feishu = JSON.stringify(renderFeishuDigest(report));
    expect(Buffer.byteLength(feishu)).toBeLessThanOrEqual(20 * 1024);
    const slack = renderSlackDigest(report);
    expect(slack.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(slack)).toContain('×40');
  });
});
