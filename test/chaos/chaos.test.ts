import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import calculateSlot from 'cluster-key-slot';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseRedisUrl } from '../../src/core/redis-target.js';
import { watchId } from '../../src/core/watch.js';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';
import {
  type DingtalkSink,
  json200,
  type SlackApiSink,
  type SlackSink,
  type SmtpSink,
  startDingtalkSink,
  startSlackApiSink,
  startSlackSink,
  startSmtpSink,
  startWebhookSink,
  type WebhookSink,
} from '../../src/dev/sinks/index.js';
import type { RedisClient } from '../../src/redis/client.js';
import { createRedis } from '../../src/redis/connection.js';
import { SnapshotStore, watchKeys } from '../../src/store/index.js';
import { type ClusterSet, startCluster } from '../ha/support/topology.js';
import { type EngineProcess, killAll, spawnLoggedCli, waitUntil } from '../support/engine-process.js';
import { type OwnRedis, startOwnRedis } from '../support/redis-server.js';
import { Driver, KINDS } from './driver.js';
import {
  dingtalkKeys,
  mailKeys,
  repeatedMessages,
  slackApiKeys,
  slackKeys,
  type Tally,
  tally,
  webhookKeys,
} from './received.js';

const LONG = process.env.CHAOS_LONG === '1';
// CHAOS_REDIS=cluster: the same run against a Cluster of 3 masters with a replica each, where each
// "Redis restart" is the SIGKILL of the master serving a watch's keys and its replica's promotion.
const ON_CLUSTER = process.env.CHAOS_REDIS === 'cluster';
const PLAN = LONG
  ? { lanes: 9, driveMs: 240_000, kills: 24, redisRestarts: 3, quietMs: 10_000, settleMs: 240_000 }
  : { lanes: 6, driveMs: 30_000, kills: 6, redisRestarts: 1, quietMs: 4_000, settleMs: 30_000 };
const INTERVAL_MS = 1000;
const FAULT_RATE = 0.2;
const ACCOUNT = 'chaos';
const API_KEY = 'sk-sim-chaos-0123456789';
const PREFIX = 'chaos';
// DingTalk's rule (20 posts per window) on a window short enough for the run: 20 per 2 s.
const DINGTALK_WINDOW_MS = 2000;

let dir: string;
let redis: OwnRedis | undefined;
let cluster: ClusterSet | undefined;
let client: RedisClient | undefined;
let sim: RunningSimulator | undefined;
let slack: SlackSink | undefined;
let smtp: SmtpSink | undefined;
let dingtalk: DingtalkSink | undefined;
let webhook: WebhookSink | undefined;
let slackApp: SlackApiSink | undefined;
const spawned: EngineProcess[] = [];
let failed = false;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dashwatch-chaos-'));
  if (ON_CLUSTER) cluster = await startCluster(1);
  else {
    // AOF with fsync on every write, so a restart mid-run loses nothing acknowledged.
    redis = await startOwnRedis({
      args: ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always'],
      label: 'the chaos test',
    });
  }
  sim = await startSimulator({ apiKeys: [API_KEY] });
  slack = await startSlackSink();
  smtp = await startSmtpSink();
  dingtalk = await startDingtalkSink({ signed: true, windowMs: DINGTALK_WINDOW_MS });
  webhook = await startWebhookSink();
  slackApp = await startSlackApiSink();
});

afterAll(async () => {
  await killAll();
  client?.disconnect();
  await Promise.all([
    redis?.stop(),
    cluster?.stop(),
    sim?.close(),
    slack?.close(),
    smtp?.close(),
    dingtalk?.close(),
    webhook?.close(),
    slackApp?.close(),
  ]);
  if (failed) {
    // Kept for the post-mortem: each daemon's log lines, and the Redis AOF.
    await Promise.all(
      spawned.map((proc, i) =>
        writeFile(join(dir, `daemon-${i}.log`), proc.logs.map((l) => JSON.stringify(l)).join('\n')),
      ),
    );
    console.error(`chaos: daemon logs and Redis AOF kept in ${dir}`);
  } else {
    await rm(dir, { recursive: true, force: true });
  }
});

function configYaml(
  redisUrl: string,
  simUrl: string,
  slackUrl: string,
  smtpUrl: string,
  ding: DingtalkSink,
  hook: WebhookSink,
  app: SlackApiSink,
): string {
  return `
redis: { url: "${redisUrl}", prefix: ${PREFIX} }
server: { port: 0 }
polling: { interval: ${INTERVAL_MS}ms, requestTimeout: 2s }
accounts:
  - { name: ${ACCOUNT}, apiKey: ${API_KEY}, baseUrl: "${simUrl}", kinds: [${KINDS.join(', ')}] }
channels:
  slack: { type: slack, webhookUrl: "${slackUrl}", groupWait: 1s, minInterval: 100ms }
  mail: { type: email, smtpUrl: "${smtpUrl}", from: dashwatch@example.com, to: [team@example.com], groupWait: 1s }
  ding: { type: dingtalk, webhookUrl: "${ding.webhookUrl}", secret: "${ding.secret}", groupWait: 1s, rateWindow: ${DINGTALK_WINDOW_MS}ms, minInterval: ${DINGTALK_WINDOW_MS / 20}ms }
  hook: { type: webhook, url: "${hook.webhookUrl}", secret: "${hook.secret}", groupWait: 0 }
  app: { type: slack, botToken: "${app.token}", channel: "#${app.channelName}", apiUrl: "${app.url}", groupWait: 1s, minInterval: 100ms }
routes:
  - match: { types: [created, transition] }
    channels: [slack, mail, ding, hook, app]
`;
}

/** Faults of four kinds, each on an equal share of the requests, `FAULT_RATE` of them in all. */
function injectApiFaults(running: RunningSimulator): void {
  const faults = [
    { type: 'status', httpStatus: 429, retryAfter: '1' },
    { type: 'status', httpStatus: 500 },
    { type: 'hang' },
    { type: 'garbage' },
  ] as const;
  const share = FAULT_RATE / faults.length;
  // Faults are tried in order: each one's chance is of the requests the earlier ones let through.
  faults.forEach((fault, i) => {
    running.sim.injectFault({ ...fault, probability: share / (1 - share * i) });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test(`nothing lost, nothing twice: ${PLAN.kills} SIGKILLs, ${PLAN.redisRestarts} ${ON_CLUSTER ? 'Cluster master failovers' : 'Redis restarts'}, ${FAULT_RATE * 100}% faults (${LONG ? 'long' : 'quick'} form)`, async () => {
  const redisUrl = cluster?.url ?? redis?.url;
  if (
    redisUrl === undefined ||
    sim === undefined ||
    slack === undefined ||
    smtp === undefined ||
    dingtalk === undefined ||
    webhook === undefined ||
    slackApp === undefined
  ) {
    throw new Error('chaos setup did not finish');
  }
  const [running, hook, mail, ding, receiver, app] = [sim, slack, smtp, dingtalk, webhook, slackApp];
  const restartRedis = async (i: number) => {
    if (cluster === undefined) return redis?.restart();
    // A different watch's master each time: the keys that move are ones a cycle is writing.
    const watch = watchId(ACCOUNT, KINDS[i % KINDS.length] ?? 'fine_tune');
    await cluster.killMasterOf(calculateSlot(watchKeys(PREFIX, watch).meta));
  };
  try {
    const configFile = join(dir, 'dashwatch.yaml');
    await writeFile(configFile, configYaml(redisUrl, running.url, hook.url, mail.url, ding, receiver, app));
    const target = parseRedisUrl(redisUrl);
    if (typeof target === 'string') throw new Error(target);
    // Connection errors while the test restarts Redis are expected (and ignored); ioredis reconnects.
    client = createRedis(target, 'chaos-test');
    const store = new SnapshotStore(client, PREFIX);
    const driver = new Driver({
      sim: running.sim,
      account: ACCOUNT,
      store,
      lanes: PLAN.lanes,
      holdMs: 3 * INTERVAL_MS,
      observeTimeoutMs: 60_000,
    });
    driver.seed();

    const start = () => {
      const proc = spawnLoggedCli(['start', '--config', configFile], { LOG_LEVEL: 'info' });
      spawned.push(proc);
      return proc;
    };
    const daemons = [start(), start()];
    await waitUntil(
      async () => {
        const views = await Promise.all(KINDS.map((kind) => store.loadView(watchId(ACCOUNT, kind))));
        return views.every((view) => view.baselineDone);
      },
      'the baseline of every watch',
      30_000,
    );

    injectApiFaults(running);
    hook.failRate({ rate: FAULT_RATE, statuses: [429, 500], retryAfter: 1 });
    mail.failRate({ rate: FAULT_RATE, code: 451 });
    ding.failRate({
      rate: FAULT_RATE,
      answers: [json200({ errcode: -1, errmsg: 'system busy' }), { status: 502, body: 'bad gateway' }],
    });
    receiver.failRate({
      rate: FAULT_RATE,
      answers: [
        { status: 500, body: 'oops' },
        { status: 429, body: 'slow down', headers: { 'retry-after': '1' } },
        { status: 408, body: 'timeout' },
      ],
    });
    app.failRate({ rate: FAULT_RATE, errors: ['ratelimited', 'internal_error', 'service_unavailable'] });

    const began = Date.now();
    let kills = 0;
    let redisRestarts = 0;
    const killer = async () => {
      for (let i = 0; i < PLAN.kills; i += 1) {
        // One kill in each slice of the run, at a random point of it.
        const at = began + ((i + Math.random()) * PLAN.driveMs) / PLAN.kills;
        await sleep(Math.max(0, at - Date.now()));
        const slot = Math.floor(Math.random() * daemons.length);
        const victim = daemons[slot];
        if (victim === undefined) continue;
        victim.child.kill('SIGKILL');
        await victim.exited;
        kills += 1;
        daemons[slot] = start();
      }
    };
    const redisRestarter = async () => {
      for (let i = 0; i < PLAN.redisRestarts; i += 1) {
        await sleep(Math.max(0, began + ((i + 0.5) * PLAN.driveMs) / PLAN.redisRestarts - Date.now()));
        await restartRedis(i);
        redisRestarts += 1;
      }
    };
    await Promise.all([driver.run(began + PLAN.driveMs), killer(), redisRestarter()]);

    running.sim.clearFaults();
    hook.failRate(undefined);
    mail.failRate(undefined);
    ding.failRate(undefined);
    receiver.failRate(undefined);
    app.failRate(undefined);
    const drivenMs = Date.now() - began;

    // Settled: every expected notification arrived and nothing more came for `quietMs`.
    const expected = driver.expected;
    let lastCount = -1;
    let lastChange = Date.now();
    const settled = await waitUntil(
      () => {
        const count =
          hook.received.length +
          mail.received.length +
          ding.received.length +
          receiver.received.length +
          app.calls.length;
        if (count !== lastCount) [lastCount, lastChange] = [count, Date.now()];
        const arrived = [
          slackKeys(hook.received),
          mailKeys(mail.received),
          dingtalkKeys(ding.received),
          webhookKeys(receiver.received),
          slackApiKeys(app.calls),
        ].every((keys) => [...expected].every((key) => keys.includes(key)));
        return arrived && Date.now() - lastChange >= PLAN.quietMs;
      },
      'every expected notification and quiet sinks',
      PLAN.settleMs,
    ).then(
      () => true,
      () => false,
    );

    const slackTally = tally(expected, slackKeys(hook.received));
    const mailTally = tally(expected, mailKeys(mail.received));
    const dingtalkTally = tally(expected, dingtalkKeys(ding.received));
    const webhookTally = tally(expected, webhookKeys(receiver.received));
    const appTally = tally(expected, slackApiKeys(app.calls));
    const stats = running.sim.stats();
    printSummary({
      form: `${LONG ? 'long' : 'quick'} form${ON_CLUSTER ? ', on a Cluster' : ''}`,
      drivenMs,
      changes: expected.size,
      kills,
      redisRestarts,
      apiFaults: stats.faults,
      apiRequests: stats.requests,
      slackFailures: hook.failures,
      slackPosts: hook.received.length,
      smtpFailures: mail.failures,
      mails: mail.received.length,
      dingtalkFailures: ding.failures,
      dingtalkPosts: ding.received.length,
      webhookFailures: receiver.failures,
      webhookPosts: receiver.received.length,
      appFailures: app.failures,
      appCalls: app.calls.length,
      tallies: {
        slack: slackTally,
        email: mailTally,
        dingtalk: dingtalkTally,
        webhook: webhookTally,
        'slack app': appTally,
      },
      settled,
    });

    expect(kills).toBe(PLAN.kills);
    expect(redisRestarts).toBe(PLAN.redisRestarts);
    // The sinks refused nothing a real DingTalk or receiver would: every signature and every pace held.
    expect({ dingtalk: ding.violations, webhook: receiver.violations, slackApp: app.violations }).toEqual({
      dingtalk: [],
      webhook: [],
      slackApp: [],
    });
    // App mode remembers a post only once Slack answered it: a SIGKILL between the two posts it again
    // (the documented window). Each kill can leave at most one post of the channel in that window.
    expect({ lost: appTally.lost, unexpected: appTally.unexpected }).toEqual({ lost: [], unexpected: [] });
    expect(appTally.duplicated.length).toBeLessThanOrEqual(kills);
    // The same window for every channel: nothing lost or invented, and a repeat only where a kill
    // caught a message between the receiver's answer and its record — at most one message per kill.
    for (const t of [slackTally, mailTally, dingtalkTally, webhookTally])
      expect({ lost: t.lost, unexpected: t.unexpected }).toEqual({ lost: [], unexpected: [] });
    const repeats = {
      slack: repeatedMessages(hook.received.map((post) => slackKeys([post]))),
      email: repeatedMessages(mail.received.map((one) => mailKeys([one]))),
      dingtalk: repeatedMessages(ding.received.map((post) => dingtalkKeys([post]))),
      webhook: repeatedMessages(receiver.received.map((post) => webhookKeys([post]))),
    };
    for (const [channel, count] of Object.entries(repeats))
      expect(count, `${channel} messages repeated`).toBeLessThanOrEqual(kills);
    expect(settled).toBe(true);
  } catch (error) {
    failed = true;
    throw error;
  }
});

interface Summary {
  form: string;
  drivenMs: number;
  changes: number;
  kills: number;
  redisRestarts: number;
  apiFaults: Record<string, number>;
  apiRequests: number;
  slackFailures: number;
  slackPosts: number;
  smtpFailures: number;
  mails: number;
  dingtalkFailures: number;
  dingtalkPosts: number;
  webhookFailures: number;
  webhookPosts: number;
  appFailures: number;
  appCalls: number;
  tallies: Record<string, Tally>;
  settled: boolean;
}

function printSummary(s: Summary): void {
  const faults = Object.entries(s.apiFaults)
    .map(([label, n]) => `${label} ×${n}`)
    .join(', ');
  const faultCount = Object.values(s.apiFaults).reduce((a, b) => a + b, 0);
  const rows = [
    `chaos summary (${s.form}, ${Math.round(s.drivenMs / 1000)} s of changes)`,
    `  changes made                  ${s.changes}`,
    `  SIGKILLs (each restarted)     ${s.kills}`,
    `  ${ON_CLUSTER ? 'master failovers' : 'Redis restarts  '}              ${s.redisRestarts}`,
    `  DashScope faults              ${faultCount} of ${s.apiRequests} requests (${faults})`,
    `  Slack 429/500 answers         ${s.slackFailures} (posts accepted: ${s.slackPosts})`,
    `  SMTP 451 answers              ${s.smtpFailures} (mails accepted: ${s.mails})`,
    `  DingTalk -1/502 answers       ${s.dingtalkFailures} (posts accepted: ${s.dingtalkPosts})`,
    `  webhook 500/429/408 answers   ${s.webhookFailures} (events accepted: ${s.webhookPosts})`,
    `  Slack app API failures        ${s.appFailures} (calls accepted: ${s.appCalls})`,
    `  settled before the deadline   ${s.settled ? 'yes' : 'NO'}`,
    '',
    '  channel    expected  received  lost  duplicated  unexpected',
    ...Object.entries(s.tallies).map(
      ([channel, t]) =>
        `  ${channel.padEnd(9)}  ${String(t.expected).padStart(8)}  ${String(t.received).padStart(8)}  ${String(t.lost.length).padStart(4)}  ${String(t.duplicated.length).padStart(10)}  ${String(t.unexpected.length).padStart(10)}`,
    ),
  ];
  console.info(rows.join('\n'));
}
