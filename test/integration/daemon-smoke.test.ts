import { afterEach, beforeEach, expect, test } from 'vitest';
import { parseConfigText } from '../../src/config/index.js';
import { createLogger } from '../../src/core/logger.js';
import { type Daemon, startDaemon } from '../../src/daemon/daemon.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/index.js';
import { type SlackSink, type SmtpSink, startSlackSink, startSmtpSink } from '../../src/sinks/index.js';
import { type TestRedis, testRedis } from '../support/redis.js';

let sim: RunningSimulator;
let slack: SlackSink;
let smtp: SmtpSink;
let redis: TestRedis;
let daemon: Daemon | undefined;

beforeEach(async () => {
  sim = await startSimulator({ apiKeys: ['sk-smoke'] });
  slack = await startSlackSink();
  smtp = await startSmtpSink();
  redis = testRedis('daemon');
});
afterEach(async () => {
  await daemon?.stop();
  await Promise.all([sim.close(), slack.close(), smtp.close()]);
  await redis.cleanup();
});

test('a FAILED fine-tune reaches Slack and email', async () => {
  const [job] = sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING' });
  const config = parseConfigText(
    `
redis: { url: "${redis.url}", prefix: "${redis.prefix}" }
server: { port: 0 }
polling: { interval: 1s }
accounts:
  - { name: smoke, apiKey: sk-smoke, baseUrl: "${sim.url}", kinds: [fine_tune] }
channels:
  slack: { type: slack, webhookUrl: "${slack.url}", groupWait: 0 }
  mail: { type: email, smtpUrl: "${smtp.url}", from: dw@example.com, to: [team@example.com], groupWait: 0 }
`,
    {},
    'test',
  );
  daemon = await startDaemon(config, createLogger({ level: 'silent' }));
  await expect
    .poll(async () => (await daemon?.engine.store.loadView('smoke.fine_tune'))?.baselineDone, {
      timeout: 10_000,
    })
    .toBe(true);
  sim.sim.setStatus(job?.id ?? '', 'FAILED', { errorCode: 'InvalidParameter', errorMessage: 'bad data' });
  await slack.waitFor(1, 15_000);
  await smtp.waitFor(1, 15_000);
  expect(JSON.stringify(slack.received[0]?.body)).toContain('InvalidParameter');
  expect(smtp.received[0]?.subject).toContain('FAILED');
});
