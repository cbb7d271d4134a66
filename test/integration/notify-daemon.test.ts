import { afterEach, beforeEach, expect, test } from 'vitest';
import { parseConfigText } from '../../src/config/index.js';
import { type Daemon, startDaemon } from '../../src/daemon/daemon.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';
import { type SlackSink, type SmtpSink, startSlackSink, startSmtpSink } from '../../src/dev/sinks/index.js';
import { EVIL_MESSAGE, EVIL_NAME } from '../support/notify-fixtures.js';
import { capturedLogger, deliveredIds, idle } from '../support/notify-harness.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const WATCH = 'prod.fine_tune';

let sim: RunningSimulator;
let slack: SlackSink;
let smtp: SmtpSink;
let redis: TestRedis;
let daemon: Daemon | undefined;

beforeEach(async () => {
  sim = await startSimulator({ apiKeys: ['sk-notify'] });
  slack = await startSlackSink();
  smtp = await startSmtpSink();
  redis = testRedis('ndaemon');
});
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await Promise.all([sim.close(), slack.close(), smtp.close()]);
  await redis.cleanup();
});

/** The daemon on the simulator, with the default routes (FAILED → Slack and email). */
async function start(): Promise<Daemon> {
  const config = parseConfigText(
    `
redis: { url: "${redis.url}", prefix: "${redis.prefix}" }
server: { port: 0 }
polling: { interval: 1s }
accounts:
  - { name: prod, apiKey: sk-notify, baseUrl: "${sim.url}", kinds: [fine_tune] }
channels:
  slack: { type: slack, webhookUrl: "${slack.url}", groupWait: 0 }
  mail: { type: email, smtpUrl: "${smtp.url}", from: dw@example.com, to: [team@example.com], groupWait: 0 }
`,
    {},
    'test',
  );
  daemon = await startDaemon(config, capturedLogger().logger);
  return daemon;
}

async function cycles(running: Daemon): Promise<number> {
  const { values } = await running.metrics.cycles.get();
  return values.filter((v) => v.labels.result === 'committed').reduce((sum, v) => sum + v.value, 0);
}

/**
 * Waits until both channels delivered one event and the flush queue is idle, then for two more
 * committed polls (each could have noticed the failure again): only then are the counts final.
 */
async function settle(running: Daemon): Promise<void> {
  await expect
    .poll(
      async () =>
        (await deliveredIds(redis, 'slack')).length === 1 &&
        (await deliveredIds(redis, 'mail')).length === 1 &&
        (await idle(running.notify.deliverQueue)),
      { timeout: 15_000 },
    )
    .toBe(true);
  const after = await cycles(running);
  await expect.poll(async () => (await cycles(running)) >= after + 2, { timeout: 10_000 }).toBe(true);
  expect(await idle(running.notify.deliverQueue)).toBe(true);
}

async function baseline(running: Daemon): Promise<void> {
  await expect
    .poll(async () => (await running.engine.store.loadView(WATCH)).baselineDone, { timeout: 10_000 })
    .toBe(true);
}

test('a FAILED fine-tune: exactly one Slack message with its error, exactly one email', async () => {
  const [job] = sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING', name: 'support-bot' });
  const running = await start();
  await baseline(running);
  const failedAt = Date.now();
  sim.sim.setStatus(job?.id ?? '', 'FAILED', {
    errorCode: 'InvalidParameter',
    errorMessage: 'Training file line 42: messages is missing',
  });
  await settle(running);

  console.info(
    'FAILED → Slack after %d ms, mail after %d ms',
    Date.parse(slack.received[0]?.receivedAt ?? '') - failedAt,
    Date.parse(smtp.received[0]?.receivedAt ?? '') - failedAt,
  );
  expect(slack.received).toHaveLength(1);
  expect(smtp.received).toHaveLength(1);
  const post = JSON.stringify(slack.received[0]?.body);
  expect(post).toContain('InvalidParameter');
  expect(post).toContain('Training file line 42: messages is missing');
  expect(post).toContain(job?.id);
  const mail = smtp.received[0];
  expect(mail?.subject).toContain('FAILED');
  expect(mail?.text).toContain('InvalidParameter');
  expect(mail?.text).toContain('Training file line 42: messages is missing');
});

test('API text arrives inert: Slack JSON, email HTML and subject', async () => {
  const [job] = sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING', name: EVIL_NAME });
  const running = await start();
  await baseline(running);
  sim.sim.setStatus(job?.id ?? '', 'FAILED', { errorCode: '<!here>', errorMessage: EVIL_MESSAGE });
  await settle(running);

  const post = JSON.stringify(slack.received[0]?.body);
  // No mention and no link of theirs: Slack would act on these.
  for (const raw of ['<!channel>', '<!here>', '<http://evil|click>', '<script>']) {
    expect(post).not.toContain(raw);
  }
  // Their `*x*` sits in a code span, so it is not bold either.
  expect(post).toContain('`&lt;!channel&gt; *x* &lt;http://evil|click&gt;`');
  expect(post).toContain('&lt;script&gt;');

  const mail = smtp.received[0];
  expect(mail?.html).not.toContain('<script>');
  expect(mail?.html).not.toContain('<!channel>');
  expect(mail?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(mail?.subject).not.toMatch(/[\r\n]/);
  expect(mail?.subject).toContain('<!channel> *x*');
  // The CR/LF in the error message injected no header: one recipient, no Bcc.
  expect(mail?.to).toEqual(['team@example.com']);
  const headers = mail?.raw.split(/\r?\n\r?\n/)[0] ?? '';
  expect(headers).not.toMatch(/^bcc:/im);
  expect(mail?.text).toContain('Bcc: victim@example.com');
});
