import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

// A working directory without config/dashwatch.yaml, so that no file is found and env-only mode applies.
let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'dashwatch-env-'));
  vi.spyOn(process, 'cwd').mockReturnValue(cwd);
});
afterAll(() => {
  vi.restoreAllMocks();
  rmSync(cwd, { recursive: true, force: true });
});

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(undefined, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).source).toBe('environment');
    return (error as ConfigError).problems;
  }
  throw new Error('the environment was accepted');
}

const FULL = {
  DASHSCOPE_API_KEY: 'sk-env',
  DASHSCOPE_REGION: 'ap-southeast-1',
  DASHSCOPE_WORKSPACE: 'llm-ws',
  REDIS_URL: 'redis://redis:6379',
  SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X',
  SMTP_URL: 'smtps://user:pass@mail.example.com',
  EMAIL_FROM: 'dashwatch <dashwatch@example.com>',
  EMAIL_TO: 'ml@example.com, oncall@example.com',
  POLL_INTERVAL: '2m',
  NOTIFY_GROUP_WAIT: '30s',
  DIGEST_CRON: '30 8 * * 1-5',
  DASHWATCH_TZ: 'Europe/Berlin',
};

describe('env-only mode', () => {
  it('builds one account watching all four kinds, both channels, a daily digest and the default routes', () => {
    const { config, source } = loadConfig(undefined, FULL);
    expect(source).toBe('environment');
    expect(config.accounts).toEqual([
      {
        name: 'default',
        apiKey: 'sk-env',
        region: 'ap-southeast-1',
        workspace: 'llm-ws',
        kinds: ['fine_tune', 'model_import', 'compression', 'checkpoint'],
      },
    ]);
    expect(config.redis.target).toEqual({ mode: 'single', url: 'redis://redis:6379' });
    expect(config.polling.interval).toBe(120_000);
    expect(config.timeZone).toBe('Europe/Berlin');
    expect(config.channels.slack).toMatchObject({ type: 'slack', groupWait: 30_000 });
    expect(config.channels.email).toMatchObject({
      type: 'email',
      smtpUrl: 'smtps://user:pass@mail.example.com',
      from: 'dashwatch <dashwatch@example.com>',
      to: ['ml@example.com', 'oncall@example.com'],
      groupWait: 30_000,
    });
    expect(config.digests).toEqual({ daily: { channel: 'email', cron: '30 8 * * 1-5', sendEmpty: false } });
    expect(config.routes.map((route) => [route.channels, route.digests])).toEqual([
      [['slack'], []],
      [['slack'], []],
      [['email'], []],
      [['email'], []],
      [[], ['daily']],
    ]);
  });

  it('needs only the API key; Slack alone gets no digest', () => {
    const { config } = loadConfig(undefined, {
      DASHSCOPE_API_KEY: 'sk-env',
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X',
    });
    expect(config.accounts[0]?.region).toBeUndefined();
    expect(Object.keys(config.channels)).toEqual(['slack']);
    expect(config.digests).toEqual({});
    expect(config.routes).toHaveLength(2);
    expect(loadConfig(undefined, { DASHSCOPE_API_KEY: 'sk-env' }).config.routes).toEqual([]);
  });

  it('sends the digest at 09:00 by default when EMAIL_TO is set', () => {
    const { config } = loadConfig(undefined, {
      DASHSCOPE_API_KEY: 'sk-env',
      SMTP_URL: 'smtp://mail.example.com',
      EMAIL_TO: 'ml@example.com',
    });
    expect(config.digests.daily?.cron).toBe('0 9 * * *');
    expect(config.channels.email).toMatchObject({ from: 'dashwatch <dashwatch@localhost>' });
  });

  it('takes DASHSCOPE_BASE_URL instead of a region', () => {
    const { config } = loadConfig(undefined, {
      DASHSCOPE_API_KEY: 'sk-env',
      DASHSCOPE_BASE_URL: 'https://ws-1.cn-beijing.maas.aliyuncs.com',
    });
    expect(config.accounts[0]).toMatchObject({ baseUrl: 'https://ws-1.cn-beijing.maas.aliyuncs.com' });
  });

  it('takes the Redis key prefix from DASHWATCH_REDIS_PREFIX, with or without REDIS_URL', () => {
    expect(loadConfig(undefined, { DASHSCOPE_API_KEY: 'sk-env' }).config.redis).toEqual({
      target: { mode: 'single', url: 'redis://127.0.0.1:6379' },
      prefix: 'dashwatch',
      failingAfter: 60_000,
      replicaWait: 250,
    });
    const { config } = loadConfig(undefined, {
      DASHSCOPE_API_KEY: 'sk-env',
      DASHWATCH_REDIS_PREFIX: 'dw-staging',
    });
    expect(config.redis).toMatchObject({
      target: { mode: 'single', url: 'redis://127.0.0.1:6379' },
      prefix: 'dw-staging',
    });
  });

  it('reads the file DASHWATCH_CONFIG names instead', () => {
    const file = join(cwd, 'from-env.yaml');
    writeFileSync(file, 'accounts:\n  - name: filed\n    apiKey: sk-file\n');
    const { config, source } = loadConfig(undefined, { DASHWATCH_CONFIG: file, DASHSCOPE_API_KEY: 'sk-env' });
    expect(source).toBe(file);
    expect(config.accounts.map((account) => account.name)).toEqual(['filed']);
  });

  it.each<[string, NodeJS.ProcessEnv, string[]]>([
    ['no API key', {}, ['DASHSCOPE_API_KEY: is required']],
    ['a blank API key', { DASHSCOPE_API_KEY: '  ' }, ['DASHSCOPE_API_KEY: is required']],
    [
      'mail without a server',
      { DASHSCOPE_API_KEY: 'k', EMAIL_TO: 'ml@example.com' },
      ['SMTP_URL: is required'],
    ],
    [
      'mail without recipients',
      { DASHSCOPE_API_KEY: 'k', SMTP_URL: 'smtp://mail' },
      ['EMAIL_TO: is required'],
    ],
    [
      'every value wrong',
      {
        DASHSCOPE_API_KEY: 'k',
        DASHSCOPE_REGION: 'mars-1',
        REDIS_URL: 'http://redis',
        SLACK_WEBHOOK_URL: 'hooks.slack.com',
        SMTP_URL: 'http://mail',
        EMAIL_TO: 'ml@example.com,nobody',
        POLL_INTERVAL: 'fast',
        NOTIFY_GROUP_WAIT: 'soon',
        DIGEST_CRON: 'daily',
        DASHWATCH_TZ: 'Mars/Olympus',
        DASHWATCH_PORT: 'http',
      },
      [
        'DASHWATCH_TZ: not an IANA time zone (e.g. Asia/Shanghai)',
        'REDIS_URL: must be a redis[s]://, redis[s]+sentinel:// or redis[s]+cluster:// URL',
        'DASHWATCH_PORT: must be a number',
        'POLL_INTERVAL: not a duration: "fast" (use e.g. 500ms, 30s, 5m, 2h, 1d)',
        'DASHSCOPE_REGION: unknown region (one of: cn-beijing, ap-southeast-1, us-east-1, cn-hongkong)',
        'SLACK_WEBHOOK_URL: must be an http(s) URL',
        'NOTIFY_GROUP_WAIT: not a duration: "soon" (use e.g. 500ms, 30s, 5m, 2h, 1d)',
        'SMTP_URL: must be an smtp:// or smtps:// URL',
        'EMAIL_TO: not an email address',
        'DIGEST_CRON: not a valid cron expression (e.g. "0 9 * * *")',
      ],
    ],
  ])('%s: names the variable', (_case, env, lines) => {
    expect(problemsOf(env)).toEqual(lines);
  });
});

describe('env-only chat and webhook channels', () => {
  const base = { DASHSCOPE_API_KEY: 'sk-x' };
  const secret = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;

  it('a channel per URL set, with its secret; chat channels get what Slack gets, the webhook everything', () => {
    const { config } = loadConfig(undefined, {
      ...base,
      DINGTALK_WEBHOOK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=abc',
      DINGTALK_SECRET: `SEC${'a'.repeat(64)}`,
      FEISHU_WEBHOOK_URL: 'https://open.feishu.cn/open-apis/bot/v2/hook/0f1e',
      FEISHU_SECRET: 'feishusecret123',
      WECOM_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1',
      WEBHOOK_URL: 'https://hooks.example.com/dashwatch',
      WEBHOOK_SECRET: secret,
      DASHWATCH_LOCALE: 'zh-CN',
      DIGEST_CHANNEL: 'dingtalk',
    });
    expect(Object.keys(config.channels)).toEqual(['dingtalk', 'feishu', 'wecom', 'webhook']);
    expect(config.channels.dingtalk).toMatchObject({
      type: 'dingtalk',
      secret: `SEC${'a'.repeat(64)}`,
      minInterval: 3000,
    });
    expect(config.channels.webhook).toMatchObject({ type: 'webhook', secret, retryFor: 86_400_000 });
    expect(config.locale).toBe('zh-CN');
    expect(config.digests.daily?.channel).toBe('dingtalk');
    const to = (channel: string) => config.routes.filter((route) => route.channels.includes(channel));
    expect(to('dingtalk').map((route) => route.match)).toEqual(to('feishu').map((route) => route.match));
    expect(to('webhook').map((route) => route.match)).toEqual([{}]);
  });

  it('names the variable of a bad URL, secret or locale', () => {
    const problems = () => {
      try {
        loadConfig(undefined, {
          ...base,
          DINGTALK_WEBHOOK_URL: 'https://oapi.dingtalk.com/robot/send',
          DINGTALK_SECRET: 'oops',
          WEBHOOK_URL: 'http://hooks.example.com/x',
          WEBHOOK_SECRET: 'hunter2',
          DASHWATCH_LOCALE: 'fr',
        });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };
    expect(problems()).toEqual([
      'DASHWATCH_LOCALE: unknown locale (one of: en, zh-CN)',
      'DINGTALK_WEBHOOK_URL: must be a robot webhook (https://oapi.dingtalk.com/robot/send?access_token=…)',
      'DINGTALK_SECRET: must be the robot signing secret (SEC followed by letters and digits)',
      'WEBHOOK_URL: must be an https:// URL (http:// only to 127.0.0.1)',
      'WEBHOOK_SECRET: must be whsec_ followed by base64 of 24 to 64 bytes',
    ]);
  });
});
