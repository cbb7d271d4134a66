import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';
import { type SlackSink, type SmtpSink, startSlackSink, startSmtpSink } from '../../src/dev/sinks/index.js';
import { type CliProcess, emptyDir, freePort, killAllCli, runCli, spawnCli } from '../support/cli-process.js';
import { waitUntil } from '../support/engine-process.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const API_KEY = 'sk-dashwatch-SILENCE-7d21c0';

let sim: RunningSimulator;
let slack: SlackSink;
let smtp: SmtpSink;
let redis: TestRedis;
let cwd: ReturnType<typeof emptyDir>;
let env: Record<string, string>;

beforeEach(async () => {
  sim = await startSimulator({ apiKeys: [API_KEY] });
  slack = await startSlackSink();
  smtp = await startSmtpSink();
  redis = testRedis('silences');
  cwd = emptyDir();
  env = {
    DASHSCOPE_API_KEY: API_KEY,
    DASHSCOPE_BASE_URL: sim.url,
    REDIS_URL: redis.url,
    DASHWATCH_REDIS_PREFIX: redis.prefix,
    SLACK_WEBHOOK_URL: slack.url,
    SMTP_URL: smtp.url,
    EMAIL_TO: 'ml-team@example.com',
    POLL_INTERVAL: '1s',
    NOTIFY_GROUP_WAIT: '0',
    DASHWATCH_PORT: String(await freePort()),
  };
});
afterEach(async () => {
  await killAllCli();
  await Promise.all([sim.close(), slack.close(), smtp.close()]);
  await redis.cleanup();
  cwd.remove();
});

const cli = (...args: string[]) => runCli(args, env, cwd.dir);
const lines = (daemon: CliProcess, msg: string) =>
  daemon
    .stdout()
    .split('\n')
    .filter((line) => line.includes(`"msg":"${msg}"`));

describe('silences', () => {
  it('keep a FAILED job from chat and mail, every replica, until expired; the digest lists it marked', async () => {
    const [hushed, loud] = sim.sim.createJobs({ kind: 'fine_tune', count: 2, status: 'RUNNING' });
    const hushedId = hushed?.id ?? '';
    const loudId = loud?.id ?? '';
    // Two replicas: a silence added through either's Redis applies to both.
    const replicas = [
      spawnCli(['start'], env, cwd.dir),
      spawnCli(['start'], { ...env, DASHWATCH_PORT: '0' }, cwd.dir),
    ];
    await waitUntil(
      () => replicas.every((d) => lines(d, 'poll cycle').some((l) => l.includes('fine_tune'))),
      'both replicas cycling',
      30_000,
    );
    await waitUntil(
      () =>
        replicas.flatMap((d) => lines(d, 'poll cycle')).filter((l) => l.includes('fine_tune')).length >= 3,
      'a cycle after the baseline',
      30_000,
    );

    const added = await cli(
      'silence',
      'add',
      '--match',
      'kind=fine_tune',
      '--match',
      'status=FAIL*',
      '--for',
      '2h',
      '--comment',
      'known outage',
    );
    expect(added.code, added.stderr).toBe(0);
    const id = added.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    const listed = await cli('silence', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        id,
        matchers: { kind: 'fine_tune', status: 'FAIL*' },
        comment: 'known outage',
      }),
    ]);
    const status = await cli('status');
    expect(status.stdout).toContain(`${id}  kind=fine_tune status=FAIL*  ends in 1h59m`);

    sim.sim.setStatus(hushedId, 'FAILED', { errorCode: 'InternalError', errorMessage: 'boom' });
    // Both channels (Slack and mail) held it back: each says so in the log of whichever replica flushed.
    await waitUntil(
      () => replicas.flatMap((d) => lines(d, 'events silenced')).length >= 2,
      'Slack and mail each holding the event back',
      30_000,
    );
    expect(slack.received).toEqual([]);
    expect(smtp.received).toEqual([]);
    // The status page and /api/changes mark the change, naming the silence.
    const failedChange = async (jobId: string) => {
      const answer = await fetch(`http://127.0.0.1:${env.DASHWATCH_PORT}/api/changes`);
      const { changes } = (await answer.json()) as {
        changes: { jobId?: string; to?: string; silenced?: string }[];
      };
      return changes.find((change) => change.jobId === jobId && change.to === 'FAILED');
    };
    await waitUntil(async () => (await failedChange(hushedId))?.silenced === id, 'the change marked', 10_000);
    const page = await (await fetch(`http://127.0.0.1:${env.DASHWATCH_PORT}/`)).text();
    const row = page
      .split('<tr')
      .find((tr) => tr.includes('class="change transition"') && tr.includes(hushedId));
    expect(row).toContain(`title="held back from chat and mail by silence ${id}">🔕 silenced</span>`);

    const digest = await cli('digest', 'daily', '--now');
    expect(digest.code, digest.stderr).toBe(0);
    const [mail] = await smtp.waitFor(1, 15_000);
    expect(mail?.subject).toContain('digest');
    expect(mail?.text).toContain(hushedId);
    expect(mail?.text).toContain('🔕 silenced');

    const expired = await cli('silence', 'expire', id);
    expect(expired.stdout.trim()).toBe(`silence ${id} expired`);
    expect((await cli('silence', 'expire', id)).code).toBe(1);
    expect((await cli('silence', 'list')).stdout.trim()).toBe('no active silences');

    sim.sim.setStatus(loudId, 'FAILED', { errorCode: 'InternalError', errorMessage: 'boom' });
    const [post] = await slack.waitFor(1, 30_000);
    expect(JSON.stringify(post?.body)).toContain(loudId);
    await smtp.waitFor(2, 30_000);
    expect(await failedChange(loudId)).toMatchObject({ to: 'FAILED' });
    expect((await failedChange(loudId))?.silenced).toBeUndefined();
    // The silenced job never reached chat or mail, before or after the silence ended.
    expect(slack.received.filter((p) => JSON.stringify(p.body).includes(hushedId))).toEqual([]);
    expect(smtp.received.filter((m) => m.subject.includes(hushedId))).toEqual([]);
  });

  it('refuses bad usage before touching Redis', async () => {
    for (const args of [
      ['silence', 'add', '--for', '1h'],
      ['silence', 'add', '--match', 'colour=red', '--for', '1h'],
      ['silence', 'add', '--match', 'kind=fine_tune'],
      ['silence', 'frobnicate'],
    ]) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(2);
    }
  });
});
