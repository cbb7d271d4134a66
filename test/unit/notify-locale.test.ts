import { describe, expect, it } from 'vitest';
import type { DashwatchEvent, JobEvent, JobStatus } from '../../src/core/types.js';
import { CHANNELS, type DigestReport } from '../../src/notifiers/index.js';
import { FAILED_EVENT, FAILED_JOB, WATCH_FAILING } from '../support/notify-fixtures.js';

/** Every status word, verb and phrase dashwatch writes in English: none may survive in zh-CN. */
const ENGLISH =
  /\b(PENDING|QUEUING|RUNNING|CANCELING|SUCCEEDED|FAILED|CANCELED|UNKNOWN|NEW|STUCK|REMOVED|EXPIRING|WATCH|REDIS|pending|queuing|running|succeeded|failed|canceled|stuck|finished|live|digest|updates?|Counts|Duration|Status|Change|Account|Model|Error|Usage|Elapsed|Expires|watch|more|so far|consecutive|polls|Fine-tune|Model import|Compression|Checkpoint|tokens|part)\b/;

/** API text in the fixtures is neutral (ids, a Chinese name, a numeric code), so any English is ours. */
const JOB = { ...FAILED_JOB, name: '客服模型', error: { code: '400', message: '训练文件第 42 行缺少字段' } };

function jobEvent(type: JobEvent['type'], status: JobStatus, extra: Partial<JobEvent> = {}): JobEvent {
  return {
    ...FAILED_EVENT,
    id: `evt-${type}-${status}`,
    type,
    job: { ...JOB, status, rawStatus: status, ...(status === 'FAILED' ? {} : { error: undefined }) },
    ...extra,
  };
}

const EVENTS: DashwatchEvent[] = [
  jobEvent('transition', 'SUCCEEDED', { from: 'RUNNING', to: 'SUCCEEDED' }),
  jobEvent('transition', 'FAILED', { from: 'RUNNING', to: 'FAILED' }),
  jobEvent('transition', 'CANCELED', { from: 'CANCELING', to: 'CANCELED' }),
  jobEvent('transition', 'RUNNING', {
    from: 'QUEUING',
    to: 'RUNNING',
    job: { ...JOB, status: 'RUNNING', rawStatus: 'RUNNING', endedAt: undefined, error: undefined },
  }),
  jobEvent('created', 'PENDING'),
  jobEvent('stuck', 'QUEUING', { since: '2024-10-29T06:00:00.000Z' }),
  jobEvent('removed', 'CANCELING'),
  jobEvent('expiring', 'SUCCEEDED', {
    job: {
      ...JOB,
      kind: 'checkpoint',
      status: 'SUCCEEDED',
      rawStatus: 'SUCCEEDED',
      expiresAt: '2024-11-01T00:00:00.000Z',
      parentId: 'ft-parent',
    },
  }),
  WATCH_FAILING,
  { ...WATCH_FAILING, id: 'evt-watch-ok', type: 'watch_recovered' },
  {
    id: 'evt-store',
    type: 'store_reset',
    detail: 'Redis 数据丢失',
    since: '2024-10-29T06:00:00.000Z',
    deployment: 'dashwatch',
    detectedAt: '2024-10-29T10:16:00.000Z',
  },
];

const REPORT: DigestReport = {
  name: '每日',
  windowStart: '2024-10-29T01:00:00.000Z',
  windowEnd: '2024-10-30T01:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  counts: [
    { kind: 'fine_tune', status: 'SUCCEEDED', count: 12 },
    { kind: 'fine_tune', status: 'FAILED', count: 1 },
  ],
  finished: Array.from({ length: 12 }, (_, i) => ({
    ...JOB,
    id: `ft-sweep-${i}`,
    name: `扫参-${i}`,
    status: 'SUCCEEDED' as const,
    error: undefined,
  })),
  failures: [JOB],
  live: [{ job: { ...JOB, status: 'RUNNING', error: undefined }, ageMs: 3_723_000 }],
  watchProblems: [WATCH_FAILING],
};

/** Sample configs per type, parsed by the type's own schema. */
const CONFIGS: Record<string, object> = {
  slack: { webhookUrl: 'https://hooks.slack.com/services/T/B/x' },
  email: { smtpUrl: 'smtp://127.0.0.1:1', from: 'a@b.c', to: ['ml@example.com'] },
  dingtalk: { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=t' },
  feishu: { webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/t' },
  wecom: { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' },
};

describe('zh-CN messages', () => {
  for (const channel of CHANNELS.filter((c) => c.type !== 'webhook')) {
    const config = (channel.schema as unknown as { parse(v: unknown): never }).parse({
      type: channel.type,
      ...CONFIGS[channel.type],
    });
    const ctx = { channel: 'c', locale: 'zh-CN' as const };
    const text = (value: unknown) => JSON.stringify(value);

    it(`${channel.type}: every event type and status, with no English status word`, () => {
      for (const event of EVENTS) {
        const rendered = text(channel.renderEvents([event], config, ctx));
        expect(rendered.match(ENGLISH)?.[0], `${event.type} ${event.id}: ${rendered}`).toBeUndefined();
      }
      const batch = text(channel.renderEvents(EVENTS, config, ctx));
      expect(batch.match(ENGLISH)?.[0], batch).toBeUndefined();
      expect(batch).toMatch(/成功|失败|已取消|排队超时/);
    });

    it(`${channel.type}: the digest, with no English status word`, () => {
      const rendered = text(channel.renderDigest(REPORT, config, ctx));
      expect(rendered.match(ENGLISH)?.[0], rendered).toBeUndefined();
      expect(rendered).toContain('1小时2分3秒');
    });

    it(`${channel.type}: English stays the default`, () => {
      const rendered = text(
        channel.renderEvents([EVENTS[1] as DashwatchEvent], config, { channel: 'c', locale: 'en' }),
      );
      expect(rendered).toContain('FAILED');
    });
  }

  it('says 排队超时 for a job stuck in the queue, and 成功 / 失败 / 已取消', () => {
    const dingtalk = CHANNELS.find((c) => c.type === 'dingtalk');
    if (dingtalk === undefined) throw new Error('no dingtalk');
    const config = (dingtalk.schema as unknown as { parse(v: unknown): never }).parse({
      type: 'dingtalk',
      ...CONFIGS.dingtalk,
    });
    const all = JSON.stringify(dingtalk.renderEvents(EVENTS, config, { channel: 'c', locale: 'zh-CN' }));
    for (const word of ['排队超时', '成功', '失败', '已取消']) expect(all).toContain(word);
  });
});
