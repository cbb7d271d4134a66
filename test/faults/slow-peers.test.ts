import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CliProcess } from '../support/cli-process.js';
import { waitUntil } from '../support/engine-process.js';
import { type TestRedis, testRedis } from '../support/redis.js';
import { type HungPeer, startHungHttp, startHungTcp } from './support/hung-peer.js';
import { logsOf, type Rig, startRig } from './support/rig.js';

// Faults 2 and 3: a peer that accepts and never answers, and one that asks to be left alone for
// 31 years. Each call has a deadline that fires, the other channel is unaffected, the wait is capped,
// and SIGTERM still ends the process within 10 s.
let rig: Rig;
let redis: TestRedis;
const hung: HungPeer[] = [];

beforeEach(async () => {
  rig = await startRig();
  redis = testRedis('faults-slow-peers');
});
afterEach(async () => {
  await rig.close();
  await Promise.all(hung.splice(0).map((peer) => peer.close()));
  await redis.cleanup();
});

async function hungHttp(): Promise<HungPeer> {
  const peer = await startHungHttp();
  hung.push(peer);
  return peer;
}

/** A RUNNING job, the daemon ready with it in its baseline, then the job FAILED. */
async function failOneJob(daemon: CliProcess): Promise<string> {
  const [job] = rig.sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING', name: 'slow-peer-sft' });
  await rig.ready(daemon);
  const id = job?.id ?? '';
  rig.sim.sim.setStatus(id, 'FAILED', { errorCode: 'InvalidParameter', errorMessage: 'bad file' });
  return id;
}

/** SIGTERM now; the exit code and how long it took. */
async function terminate(daemon: CliProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  daemon.child.kill('SIGTERM');
  const exit = await Promise.race([
    daemon.exited,
    new Promise<{ code: null }>((resolve) => setTimeout(() => resolve({ code: null }), 15_000).unref()),
  ]);
  return { code: exit.code, ms: Date.now() - started };
}

it('a Slack webhook and a heartbeat that never answer: email still goes out, cycles go on, SIGTERM < 10 s', async () => {
  const [slackPeer, heartbeatPeer] = await Promise.all([hungHttp(), hungHttp()]);
  const config = rig.config(redis.url, redis.prefix, {
    delivery: { sendTimeout: '2s' },
    heartbeatUrl: `http://127.0.0.1:${heartbeatPeer.port}/ping`,
  });
  config.channels = {
    ...(config.channels as object),
    chat: {
      type: 'slack',
      webhookUrl: `http://127.0.0.1:${slackPeer.port}/services/T0/B0/hung`,
      groupWait: '0s',
    },
  };
  const daemon = rig.start(rig.write(config));
  const id = await failOneJob(daemon);

  const [mail] = await rig.smtp.waitFor(1, 15_000);
  expect(mail?.subject).toContain('FAILED');
  // The hung post timed out and was tried again: a retryable failure, not a stuck channel.
  await waitUntil(() => slackPeer.hits >= 2, 'a second Slack attempt', 20_000);
  const failures = logsOf(daemon).filter((line) => line.msg === 'delivery failed; will retry');
  expect(failures.length).toBeGreaterThan(0);
  expect(JSON.stringify(failures[0])).toMatch(/2000 ms|timed out|deadline/i);
  // The hung heartbeat holds no cycle: each one still commits.
  const before = logsOf(daemon).filter(
    (line) => line.msg === 'poll cycle' && line.result === 'committed',
  ).length;
  await waitUntil(
    () =>
      logsOf(daemon).filter((line) => line.msg === 'poll cycle' && line.result === 'committed').length >=
      before + 2,
    'two more committed cycles',
    20_000,
  );
  expect(heartbeatPeer.hits).toBeGreaterThan(0);
  expect(rig.smtp.received.filter((m) => m.text.includes(id))).toHaveLength(1);

  // Mid-hang: a post is in flight right now.
  const hits = slackPeer.hits;
  await waitUntil(() => slackPeer.hits > hits, 'a Slack post in flight', 20_000);
  const stop = await terminate(daemon);
  process.stdout.write(`hung Slack + heartbeat: exit ${stop.code} ${stop.ms} ms after SIGTERM\n`);
  expect(stop.code).toBe(0);
  expect(stop.ms).toBeLessThan(10_000);
});

it('an SMTP server that greets, then never answers: Slack still goes out, SIGTERM < 10 s', async () => {
  // Mid-conversation, where nodemailer's own close would wait for the server.
  const smtpPeer = await startHungTcp('220 hung.example ESMTP\r\n');
  hung.push(smtpPeer);
  const config = rig.config(redis.url, redis.prefix, { delivery: { sendTimeout: '2s' } });
  config.channels = {
    ...(config.channels as object),
    mail: {
      type: 'email',
      smtpUrl: `smtp://127.0.0.1:${smtpPeer.port}`,
      from: 'dashwatch@example.com',
      to: ['ml@example.com'],
    },
  };
  const daemon = rig.start(rig.write(config));
  const id = await failOneJob(daemon);

  const [post] = await rig.slack.waitFor(1, 15_000);
  expect(JSON.stringify(post?.body)).toContain(id);
  await waitUntil(() => smtpPeer.hits >= 2, 'a second SMTP attempt', 20_000);
  const stop = await terminate(daemon);
  process.stdout.write(`hung SMTP: exit ${stop.code} ${stop.ms} ms after SIGTERM\n`);
  expect(stop.code).toBe(0);
  expect(stop.ms).toBeLessThan(10_000);
});

it('Retry-After: 999999999 waits the configured cap, says so, and then delivers', async () => {
  rig.slack.script([{ status: 429, body: 'rate_limited', headers: { 'retry-after': '999999999' } }]);
  const daemon = rig.start(
    rig.write(rig.config(redis.url, redis.prefix, { delivery: { maxRetryAfter: '3s' } })),
  );
  const id = await failOneJob(daemon);

  await waitUntil(() => rig.slack.failures === 1, 'the 429', 15_000);
  const refusedAt = Date.now();
  const [post] = await rig.slack.waitFor(1, 20_000);
  const waitedMs = Date.parse(post?.receivedAt ?? '') - refusedAt;
  process.stdout.write(`Retry-After 999999999 s: delivered ${waitedMs} ms after the 429 (cap 3000 ms)\n`);
  expect(JSON.stringify(post?.body)).toContain(id);
  expect(waitedMs).toBeGreaterThan(2000);
  expect(waitedMs).toBeLessThan(10_000);
  const capped = logsOf(daemon).filter((line) => String(line.msg).includes('delivery.maxRetryAfter'));
  expect(capped[0]).toMatchObject({ channel: 'chat', askedMs: 999_999_999_000, cappedMs: 3000 });
});
