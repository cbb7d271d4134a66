import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SlackSink,
  type SmtpSink,
  startDingtalkSink,
  startFeishuSink,
  startSlackSink,
  startSmtpSink,
  startWebhookSink,
  startWecomSink,
} from '../../src/dev/sinks/index.js';
import { emptyDir, freePort, killAllCli, runCli } from '../support/cli-process.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const API_KEY = 'sk-dashwatch-SECRET-4b1d9e';
const SMTP_PASSWORD = 'smtp-SECRET-pw-93e1f7';
const HOOK_PATH = '/services/T0DASHWATCH/B0SECRET/hook-SECRET-7f00c3';

let slack: SlackSink;
let smtp: SmtpSink;
let redis: TestRedis;
let cwd: ReturnType<typeof emptyDir>;

beforeEach(async () => {
  slack = await startSlackSink();
  smtp = await startSmtpSink();
  redis = testRedis('cli-notify');
  cwd = emptyDir();
});
afterEach(async () => {
  await killAllCli();
  await Promise.all([slack.close(), smtp.close()]);
  await redis.cleanup();
  cwd.remove();
});

/** Env-only mode with both channels on the sinks; nothing polls, so the API is never called. */
function envOnly(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DASHSCOPE_API_KEY: API_KEY,
    DASHSCOPE_BASE_URL: 'http://127.0.0.1:9',
    REDIS_URL: redis.url,
    DASHWATCH_REDIS_PREFIX: redis.prefix,
    SLACK_WEBHOOK_URL: slack.url,
    SMTP_URL: smtp.url,
    EMAIL_TO: 'ml-team@example.com',
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

function expectNoSecret(text: string): void {
  const slackToken = new URL(slack.url).pathname.split('/').at(-1) ?? slack.url;
  const sinkPassword = decodeURIComponent(new URL(smtp.url).password);
  for (const secret of [API_KEY, SMTP_PASSWORD, HOOK_PATH, slackToken, sinkPassword])
    expect(text.includes(secret), `shows ${secret}`).toBe(false);
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('dashwatch test-notify', () => {
  it('delivers a sample to Slack and to email, exit 0', async () => {
    const [toSlack, toEmail] = await Promise.all([
      runCli(['test-notify', 'slack'], envOnly(), cwd.dir),
      runCli(['test-notify', 'email'], envOnly(), cwd.dir),
    ]);
    expect(toSlack).toEqual({
      code: 0,
      stdout: 'sent a sample message to slack channel "slack"\n',
      stderr: '',
    });
    expect(toEmail).toEqual({
      code: 0,
      stdout: 'sent a sample message to email channel "email"\n',
      stderr: '',
    });
    expect(slack.received).toHaveLength(1);
    expect(JSON.stringify(slack.received[0]?.body)).toContain('ft-000000000000-test');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.subject).toContain('SUCCEEDED');
    expect(smtp.received[0]?.to).toEqual(['ml-team@example.com']);
  });

  it('exits 2 for a channel that is not configured', async () => {
    const run = await runCli(['test-notify', 'pagerduty'], envOnly(), cwd.dir);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'dashwatch test-notify: no channel named "pagerduty" (configured: slack, email) (see dashwatch test-notify --help)',
    ]);
  });

  it('exits 1 with one line, and no secret, whatever the failure', async () => {
    const closed = await freePort();
    smtp.failNext(1, 550, 'Mailbox unavailable');
    const runs = await Promise.all([
      // Slack sink: a webhook it does not know answers 404 no_service.
      runCli(
        ['test-notify', 'slack'],
        envOnly({ SLACK_WEBHOOK_URL: `${new URL(slack.url).origin}${HOOK_PATH}` }),
        cwd.dir,
      ),
      runCli(
        ['test-notify', 'slack'],
        envOnly({ SLACK_WEBHOOK_URL: `http://127.0.0.1:${closed}${HOOK_PATH}` }),
        cwd.dir,
      ),
      // SMTP sink refusing the message at end of DATA.
      runCli(['test-notify', 'email'], envOnly(), cwd.dir),
      runCli(
        ['test-notify', 'email'],
        envOnly({ SMTP_URL: `smtp://dashwatch:${SMTP_PASSWORD}@127.0.0.1:${closed}` }),
        cwd.dir,
      ),
    ]);
    const messages = runs.map((run) => {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(lines(run.stderr)).toHaveLength(1);
      expectNoSecret(run.stderr);
      return run.stderr.trimEnd();
    });
    expect(messages[0]).toMatch(/^dashwatch test-notify: channel "slack": .*404 no_service/);
    expect(messages[1]).toMatch(/^dashwatch test-notify: channel "slack": /);
    expect(messages[2]).toMatch(/^dashwatch test-notify: channel "email": .*550/);
    expect(messages[3]).toMatch(/^dashwatch test-notify: channel "email": /);
    expect(slack.received).toEqual([]);
    expect(smtp.received).toEqual([]);
  });
});

describe('dashwatch digest', () => {
  it('daily --now mails the digest, exit 0', async () => {
    const run = await runCli(['digest', 'daily', '--now'], envOnly(), cwd.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(lines(run.stdout)).toEqual(['digest "daily" sent (0 events)']);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.subject).toMatch(/digest/i);
    expect(smtp.received[0]?.to).toEqual(['ml-team@example.com']);
    // LOG_LEVEL=debug: the logs are on stderr, without secrets.
    expect(run.stderr).toContain('"msg":"digest sent"');
    expectNoSecret(run.stdout + run.stderr);
  });
});

describe('dashwatch test-notify for the chat and webhook types', () => {
  it('delivers a signed sample to DingTalk, Feishu, WeCom and the webhook, in zh-CN when asked', async () => {
    const [dingtalk, feishu, wecom, webhook] = await Promise.all([
      startDingtalkSink({ signed: true }),
      startFeishuSink({ signed: true }),
      startWecomSink(),
      startWebhookSink(),
    ]);
    try {
      const env = {
        DASHSCOPE_API_KEY: API_KEY,
        DASHSCOPE_BASE_URL: 'http://127.0.0.1:9',
        REDIS_URL: redis.url,
        DASHWATCH_REDIS_PREFIX: redis.prefix,
        DINGTALK_WEBHOOK_URL: dingtalk.webhookUrl,
        DINGTALK_SECRET: dingtalk.secret ?? '',
        FEISHU_WEBHOOK_URL: feishu.webhookUrl,
        FEISHU_SECRET: feishu.secret ?? '',
        WECOM_WEBHOOK_URL: wecom.webhookUrl,
        WEBHOOK_URL: webhook.webhookUrl,
        WEBHOOK_SECRET: webhook.secret,
        DASHWATCH_LOCALE: 'zh-CN',
      };
      const results = await Promise.all(
        ['dingtalk', 'feishu', 'wecom', 'webhook'].map((name) => runCli(['test-notify', name], env, cwd.dir)),
      );
      expect(results.map((result) => [result.code, result.stdout, result.stderr])).toEqual(
        ['dingtalk', 'feishu', 'wecom', 'webhook'].map((name) => [
          0,
          `sent a sample message to ${name} channel "${name}"\n`,
          '',
        ]),
      );
      for (const sink of [dingtalk, feishu, wecom, webhook]) {
        expect(sink.violations).toEqual([]);
        expect(sink.received).toHaveLength(1);
        expect(sink.received[0]?.raw).toContain('ft-000000000000-test');
      }
      expect(dingtalk.received[0]?.raw).toContain('成功');
      expect(webhook.received[0]?.json).toMatchObject({ type: 'job.succeeded' });
    } finally {
      await Promise.all([dingtalk.close(), feishu.close(), wecom.close(), webhook.close()]);
    }
  });

  it("a refused sample: exit 1, the receiver's reason, no secret", async () => {
    const dingtalk = await startDingtalkSink({ signed: true });
    try {
      const wrong = `SEC${'f'.repeat(64)}`;
      const result = await runCli(
        ['test-notify', 'dingtalk'],
        {
          DASHSCOPE_API_KEY: API_KEY,
          DINGTALK_WEBHOOK_URL: dingtalk.webhookUrl,
          DINGTALK_SECRET: wrong,
        },
        cwd.dir,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^dashwatch test-notify: channel "dingtalk": DingTalk refused the message: 310000/,
      );
      const token = new URL(dingtalk.webhookUrl).searchParams.get('access_token') ?? '';
      for (const secret of [wrong, token]) expect(result.stderr + result.stdout).not.toContain(secret);
    } finally {
      await dingtalk.close();
    }
  });
});
