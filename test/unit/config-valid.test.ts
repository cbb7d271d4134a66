import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfigText } from '../../src/config/index.js';
import { EXAMPLE_CONFIG, EXAMPLE_ENV, INTERPOLATION } from '../support/config-fixtures.js';

const ACCOUNT = 'accounts:\n  - name: prod\n    apiKey: sk-test\n';

function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): readonly string[] {
  try {
    parseConfigText(text, env, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

describe('the example configuration', () => {
  it('is valid with the variables it references set', () => {
    const { config, source } = loadConfig(EXAMPLE_CONFIG, EXAMPLE_ENV);
    expect(source).toBe(EXAMPLE_CONFIG);
    expect(config.accounts.map((account) => account.name)).toEqual(['prod', 'intl', 'research']);
    expect(config.accounts[0]?.apiKey).toBe(EXAMPLE_ENV.DASHSCOPE_API_KEY_PROD);
    expect(Object.keys(config.channels)).toEqual([
      'team-slack',
      'team-threads',
      'ml-email',
      'team-dingtalk',
      'team-feishu',
      'team-wecom',
      'events',
    ]);
    expect(config.digests.daily).toEqual({
      channel: 'ml-email',
      cron: '0 9 * * *',
      timeZone: 'Asia/Shanghai',
      sendEmpty: false,
    });
    expect(config.routes).toHaveLength(5);
  });

  it('names every variable it needs when none is set', () => {
    let problems: readonly string[] = [];
    try {
      loadConfig(EXAMPLE_CONFIG, {});
    } catch (error) {
      problems = error instanceof ConfigError ? error.problems : [];
    }
    expect(problems).toHaveLength(Object.keys(EXAMPLE_ENV).length);
    for (const name of Object.keys(EXAMPLE_ENV)) {
      expect(problems).toContainEqual(
        expect.stringMatching(new RegExp(`: environment variable ${name} is not set$`)),
      );
    }
  });
});

describe('interpolation', () => {
  const text = readFileSync(INTERPOLATION, 'utf8');

  it('replaces a reference, and uses its default when the variable is unset or empty', () => {
    const config = parseConfigText(text, { API_KEY: 'sk-1', REGION: '', REDIS_PORT: '6380' }, 'test.yaml');
    expect(config.accounts[0]).toMatchObject({
      apiKey: 'sk-1',
      region: 'ap-southeast-1',
      workspace: 'ws-main',
    });
    expect(config.redis.target).toEqual({ mode: 'single', url: 'redis://127.0.0.1:6380' });
  });

  it('prefers the variable over the default', () => {
    const config = parseConfigText(text, { API_KEY: 'sk-1', REGION: 'us-east-1' }, 'test.yaml');
    expect(config.accounts[0]?.region).toBe('us-east-1');
  });

  it('inserts a value as text, never as YAML', () => {
    const config = parseConfigText(text, { API_KEY: 'sk-1\nregion: cn-hongkong\n- [x' }, 'test.yaml');
    expect(config.accounts[0]?.apiKey).toBe('sk-1\nregion: cn-hongkong\n- [x');
    expect(config.accounts[0]?.region).toBe('ap-southeast-1');
  });

  it('reports an unset variable with the key that uses it, and the other problems too', () => {
    expect(problemsOf(`${text}\npolling:\n  concurrency: 0\n`, {})).toEqual([
      'accounts[0].apiKey: environment variable API_KEY is not set',
      'polling.concurrency: must be at least 1',
    ]);
  });
});

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1.5s', 1500],
    ['1500', 1500],
    [1500, 1500],
    [0, 0],
  ])('%j is %d ms', (written, ms) => {
    const config = parseConfigText(
      `${ACCOUNT}thresholds:\n  expiringWithin: ${JSON.stringify(written)}\n`,
      {},
      'test.yaml',
    );
    expect(config.thresholds.expiringWithin).toBe(ms);
  });

  it.each([
    ['fast', 'polling.interval: not a duration: "fast" (use e.g. 500ms, 30s, 5m, 2h, 1d)'],
    ['5 minutes', 'polling.interval: not a duration: "5 minutes" (use e.g. 500ms, 30s, 5m, 2h, 1d)'],
    ['-1s', 'polling.interval: not a duration: "-1s" (use e.g. 500ms, 30s, 5m, 2h, 1d)'],
    ['500ms', 'polling.interval: must be at least 1s'],
  ])('rejects %j', (written, line) => {
    expect(problemsOf(`${ACCOUNT}polling:\n  interval: ${written}\n`)).toEqual([line]);
  });
});

describe('defaults', () => {
  it('fills every optional key', () => {
    const config = parseConfigText(ACCOUNT, {}, 'test.yaml');
    expect(config).toEqual({
      timeZone: 'Asia/Shanghai',
      locale: 'en',
      redis: {
        target: { mode: 'single', url: 'redis://127.0.0.1:6379' },
        prefix: 'dashwatch',
        failingAfter: 60_000,
        replicaWait: 250,
      },
      server: { host: '127.0.0.1', port: 9464, metrics: 'open' },
      polling: {
        interval: 60_000,
        fullScanEvery: 3_600_000,
        checkpointModels: ['cosyvoice-v3-flash'],
        requestTimeout: 30_000,
        concurrency: 4,
        maxPagesPerCycle: 2000,
        cycleTimeout: 600_000,
        notifyExisting: false,
      },
      thresholds: { stuck: {}, expiringWithin: 172_800_000, failingAfter: 3 },
      delivery: { sendTimeout: 30_000, maxRetryAfter: 3_600_000, failureLogTimeout: 5000 },
      failureLogLines: 20,
      accounts: [
        {
          name: 'prod',
          apiKey: 'sk-test',
          kinds: ['fine_tune', 'model_import', 'compression', 'checkpoint'],
        },
      ],
      channels: {},
      routes: [],
      digests: {},
    });
  });

  const channels = [
    'channels:',
    '  team:',
    '    type: slack',
    '    webhookUrl: https://hooks.slack.com/services/T/B/X',
    '  mail:',
    '    type: email',
    '    smtpUrl: smtp://mail.example.com',
    '    from: dashwatch@example.com',
    '    to: [ml@example.com]',
    'digests:',
    '  daily: { channel: mail, cron: "0 9 * * *" }',
  ].join('\n');

  it('routes to every channel and digest when `routes` is absent', () => {
    const config = parseConfigText(`${ACCOUNT}${channels}\n`, {}, 'test.yaml');
    expect(config.routes).toEqual([
      {
        match: { types: ['created', 'transition'], to: ['SUCCEEDED', 'FAILED', 'CANCELED'] },
        channels: ['team'],
        digests: [],
      },
      {
        match: { types: ['stuck', 'expiring', 'watch_failing', 'watch_recovered'] },
        channels: ['team'],
        digests: [],
      },
      { match: { types: ['created', 'transition'], to: ['FAILED'] }, channels: ['mail'], digests: [] },
      { match: { types: ['stuck', 'watch_failing'] }, channels: ['mail'], digests: [] },
      { match: {}, channels: [], digests: ['daily'] },
    ]);
    expect(config.channels.team).toMatchObject({
      groupWait: 10_000,
      minInterval: 1000,
      maxJobsPerMessage: 20,
    });
    expect(config.channels.mail).toMatchObject({
      groupWait: 10_000,
      minInterval: 0,
      maxJobsPerMessage: 100,
      subjectPrefix: '[dashwatch]',
    });
  });

  it('lets a digest go through any channel type, Slack included', () => {
    const config = parseConfigText(
      `${ACCOUNT}${channels}\n  chat: { channel: team, cron: "30 18 * * 1-5" }\n`,
      {},
      'test.yaml',
    );
    expect(config.digests.chat).toEqual({ channel: 'team', cron: '30 18 * * 1-5', sendEmpty: false });
  });

  it('keeps `routes: []` as no routes at all', () => {
    expect(parseConfigText(`${ACCOUNT}${channels}\nroutes: []\n`, {}, 'test.yaml').routes).toEqual([]);
  });
});
