import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';
import { type SlackSink, type SmtpSink, startSlackSink, startSmtpSink } from '../../src/dev/sinks/index.js';
import {
  alive,
  type CliProcess,
  descendants,
  emptyDir,
  freePort,
  killAllCli,
  runCli,
  spawnCli,
} from '../support/cli-process.js';
import { waitUntil } from '../support/engine-process.js';
import { type TestRedis, testRedis } from '../support/redis.js';

/** Distinctive secrets: none may show in any output, log, metric or error. */
const API_KEY = 'sk-dashwatch-SECRET-4b1d9e';
const SMTP_PASSWORD = 'smtp-SECRET-pw-93e1f7';
/** A webhook path the Slack sink does not serve, so it answers 404 `no_service`. */
const BAD_HOOK_PATH = '/services/T0DASHWATCH/B0SECRET/hook-SECRET-7f00c3';

let sim: RunningSimulator;
let slack: SlackSink;
let smtp: SmtpSink;
let redis: TestRedis;
let cwd: ReturnType<typeof emptyDir>;
let port: number;

beforeEach(async () => {
  sim = await startSimulator({ apiKeys: [API_KEY] });
  slack = await startSlackSink();
  smtp = await startSmtpSink();
  redis = testRedis('cli-start');
  cwd = emptyDir();
  port = await freePort();
});
afterEach(async () => {
  await killAllCli();
  await Promise.all([sim.close(), slack.close(), smtp.close()]);
  await redis.cleanup();
  cwd.remove();
});

/** Env-only mode (the cwd holds no config file) against the in-process simulator and sinks. */
function envOnly(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DASHSCOPE_API_KEY: API_KEY,
    DASHSCOPE_BASE_URL: sim.url,
    REDIS_URL: redis.url,
    DASHWATCH_REDIS_PREFIX: redis.prefix,
    SLACK_WEBHOOK_URL: slack.url,
    SMTP_URL: smtp.url,
    EMAIL_TO: 'ml-team@example.com',
    POLL_INTERVAL: '1s',
    NOTIFY_GROUP_WAIT: '0',
    DASHWATCH_PORT: String(port),
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

/** Every secret of this file's runs, including the sinks' random webhook token and SMTP password. */
function secrets(): string[] {
  const slackPath = new URL(slack.url).pathname;
  return [
    API_KEY,
    SMTP_PASSWORD,
    BAD_HOOK_PATH,
    slack.url,
    slackPath,
    slackPath.split('/').at(-1) ?? slackPath,
    decodeURIComponent(new URL(smtp.url).password),
  ];
}

function expectNoSecret(text: string, where: string): void {
  for (const secret of secrets()) expect(text.includes(secret), `${where} shows ${secret}`).toBe(false);
}

async function get(path: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined;
  }
}

/** The sum of a metric's samples whose labels include `labels`. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const sample = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (sample?.[1] !== name) continue;
    const have = new Map([...(sample[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => have.get(key) === value)) sum += Number(sample[3]);
  }
  return sum;
}

/** SIGTERM, then: exit 0 within `timeoutMs`, and nothing it started still running. */
async function stopGracefully(daemon: CliProcess, timeoutMs = 10_000): Promise<number> {
  const children = await descendants(daemon.pid);
  const started = Date.now();
  daemon.child.kill('SIGTERM');
  const exit = await Promise.race([
    daemon.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no exit ${timeoutMs} ms after SIGTERM`)), timeoutMs).unref(),
    ),
  ]);
  expect(exit, daemon.stderr()).toEqual({ code: 0, signal: null });
  // tsx's esbuild service ends when its parent's pipe closes, a moment after the parent.
  await waitUntil(() => children.every((pid) => !alive(pid)), `children ${children} to end`, 5000);
  return Date.now() - started;
}

describe('dashwatch start (env-only mode)', () => {
  it('delivers RUNNING → FAILED to Slack and email; health, metrics and status; SIGTERM exits 0', async () => {
    const [job] = sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING', name: 'support-bot-sft' });
    const jobId = job?.id ?? '';
    // Every API answer takes 1.5 s until cleared, so /readyz is caught before the first cycles end.
    sim.sim.injectFault({ type: 'slow', delayMs: 1500, probability: 1 });
    const daemon = spawnCli(['start'], envOnly(), cwd.dir);

    await waitUntil(async () => (await get('/healthz'))?.status === 200, '/healthz 200', 15_000);
    const early = await get('/readyz');
    expect(early?.status).toBe(503);
    sim.sim.clearFaults();
    const ready = await waitUntil(
      async () => ((await get('/readyz'))?.status === 200 ? get('/readyz') : undefined),
      '/readyz 200',
      15_000,
    );
    // Ready means every watch committed a cycle: the RUNNING job is in the baseline, not announced.
    expect(slack.received).toEqual([]);

    sim.sim.setStatus(jobId, 'FAILED', { errorCode: 'InvalidParameter', errorMessage: 'bad training file' });
    const [post] = await slack.waitFor(1, 15_000);
    const [mail] = await smtp.waitFor(1, 15_000);
    expect(JSON.stringify(post?.body)).toContain('InvalidParameter');
    expect(JSON.stringify(post?.body)).toContain(jobId);
    expect(mail?.subject).toContain('FAILED');
    expect(mail?.to).toEqual(['ml-team@example.com']);

    // Delivery is counted just after the send returns: wait for both counters.
    const metrics = await waitUntil(
      async () => {
        const scrape = await get('/metrics');
        const delivered = (channel: string) =>
          metric(scrape?.body ?? '', 'dashwatch_notifications_total', { channel, result: 'delivered' });
        return delivered('slack') > 0 && delivered('email') > 0 ? scrape : undefined;
      },
      'delivered notifications in /metrics',
      10_000,
    );
    expect(metrics.status).toBe(200);
    expect(metric(metrics.body, 'dashwatch_poll_cycles_total')).toBeGreaterThan(0);
    expect(metric(metrics.body, 'dashwatch_poll_cycles_total', { kind: 'fine_tune' })).toBeGreaterThan(0);

    const table = await runCli(['status'], envOnly(), cwd.dir);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^default\.fine_tune: ok, /m);
    expect(table.stdout).toMatch(new RegExp(`^ {2}FAILED +\\S+ +${jobId} {2}support-bot-sft `, 'm'));
    const json = await runCli(['status', '--json'], envOnly(), cwd.dir);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      watches: { watch: string; health: string; jobs: Record<string, unknown>[] }[];
    };
    expect(report.watches.map((watch) => watch.watch).sort()).toEqual([
      'default.checkpoint',
      'default.compression',
      'default.fine_tune',
      'default.model_import',
    ]);
    expect(report.watches.every((watch) => watch.health === 'ok')).toBe(true);
    const fineTunes = report.watches.find((watch) => watch.watch === 'default.fine_tune');
    expect(fineTunes?.jobs).toEqual([
      expect.objectContaining({ kind: 'fine_tune', id: jobId, name: 'support-bot-sft', status: 'FAILED' }),
    ]);

    // One message per channel, even after further cycles.
    expect(slack.received).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    const stopMs = await stopGracefully(daemon);
    process.stdout.write(`start: exit 0 ${stopMs} ms after SIGTERM\n`);

    expect(daemon.stdout()).toContain('"msg":"delivered"');
    for (const [where, text] of [
      ['daemon stdout', daemon.stdout()],
      ['daemon stderr', daemon.stderr()],
      ['/readyz (503)', early?.body ?? ''],
      ['/readyz (200)', ready.body],
      ['/metrics', metrics.body],
      ['status', table.stdout + table.stderr],
      ['status --json', json.stdout + json.stderr],
    ] as const) {
      expectNoSecret(text, where);
    }
  });

  it('keeps secrets out of every output when the key is revoked and both channels refuse', async () => {
    sim.sim.setApiKeys(['sk-some-other-key']);
    // An SMTP server that refuses every login, with the password the daemon must not repeat.
    const refusing = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      disableReverseLookup: true,
      logger: false,
      onAuth: (_auth, _session, callback) => callback(new Error('Authentication credentials invalid')),
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const smtpPort = (refusing.server.address() as { port: number }).port;
    try {
      const daemon = spawnCli(
        ['start'],
        envOnly({
          SLACK_WEBHOOK_URL: `${new URL(slack.url).origin}${BAD_HOOK_PATH}`,
          SMTP_URL: `smtp://dashwatch:${SMTP_PASSWORD}@127.0.0.1:${smtpPort}`,
        }),
        cwd.dir,
      );
      // Three failed cycles make a watch failing; its alert then fails on both channels.
      const metrics = await waitUntil(
        async () => {
          const scrape = await get('/metrics');
          const refused = (channel: string) =>
            metric(scrape?.body ?? '', 'dashwatch_notifications_total', { channel, result: 'failed' }) +
            metric(scrape?.body ?? '', 'dashwatch_notifications_total', { channel, result: 'retry' });
          return refused('slack') > 0 && refused('email') > 0 ? scrape : undefined;
        },
        'failed deliveries on both channels in /metrics',
        30_000,
      );
      expect(metric(metrics.body, 'dashwatch_poll_cycles_total', { result: 'failed' })).toBeGreaterThan(0);
      expect(metric(metrics.body, 'dashwatch_notifications_total', { result: 'delivered' })).toBe(0);
      const readyz = await get('/readyz');
      expect(readyz?.status).toBe(503);
      const status = await runCli(['status'], envOnly(), cwd.dir);
      expect(status.stdout).toMatch(/^default\.fine_tune: failing \(InvalidApiKey: .+\), last good cycle /m);
      const json = await runCli(['status', '--json'], envOnly(), cwd.dir);
      expect(json.code).toBe(0);
      await stopGracefully(daemon);

      // The failures were logged (with their codes), just without the secrets.
      expect(daemon.stdout()).toContain('InvalidApiKey');
      expect(daemon.stdout()).toContain('no_service');
      for (const [where, text] of [
        ['daemon stdout', daemon.stdout()],
        ['daemon stderr', daemon.stderr()],
        ['/readyz', readyz?.body ?? ''],
        ['/metrics', metrics.body],
        ['status', status.stdout + status.stderr],
        ['status --json', json.stdout + json.stderr],
      ] as const) {
        expectNoSecret(text, where);
      }
    } finally {
      await new Promise<void>((resolve) => refusing.close(resolve));
    }
  });
});

describe('dashwatch status', () => {
  it.each([[[]], [['--json']]])('%j with Redis unreachable: one line, exit 1', async (flags) => {
    const run = await runCli(['status', ...flags], envOnly({ REDIS_URL: 'redis://127.0.0.1:1' }), cwd.dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'dashwatch status: cannot reach Redis at redis://127.0.0.1:1 (is it running? set REDIS_URL)',
    ]);
    expectNoSecret(run.stderr, 'status error');
  });
});
