import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { commandLogger } from '../../cli/logger.js';
import { type Daemon, startDaemon } from '../../daemon/daemon.js';
import { sendDigestNow } from '../../delivery/index.js';
import { deleteKeysWithPrefix } from '../../redis/delete-prefix.js';
import { DEFAULT_REDIS_URL, ensureRedis } from '../ephemeral-redis.js';
import { freePort } from '../free-port.js';
import { startSimulator } from '../simulator/index.js';
import {
  type SinkRequest,
  type SlackPost,
  startDingtalkSink,
  startSlackSink,
  startSmtpSink,
  startWebhookSink,
} from '../sinks/index.js';
import { demoConfig } from './demo-config.js';
import { scenario, seedAccount } from './scenario.js';

const API_KEY = 'sk-sim-demo';

export interface DemoIo {
  out(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user asks to stop (Ctrl-C). */
  interrupted: Promise<void>;
}

function slackText(post: SlackPost): string {
  const text = (post.body as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : JSON.stringify(post.body);
}

/**
 * The zero-setup demo: a simulated DashScope account, a Slack sink and an SMTP sink on loopback,
 * Redis (started here if none answers), and the real daemon between them. Prints every
 * notification as it lands, ends with a digest, and leaves nothing running behind.
 */
export async function runDemo(io: DemoIo): Promise<void> {
  const redis = await ensureRedis(io.env.REDIS_URL ?? DEFAULT_REDIS_URL);
  const cleanups: (() => Promise<unknown>)[] = [() => redis.stop()];
  const started = Date.now();
  const stamp = () => `+${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(7);
  try {
    const sim = await startSimulator({ apiKeys: [API_KEY] });
    cleanups.unshift(() => sim.close());
    const slack = await startSlackSink();
    const smtp = await startSmtpSink();
    cleanups.unshift(
      () => slack.close(),
      () => smtp.close(),
    );
    const dingtalk = await startDingtalkSink({ signed: true });
    const webhook = await startWebhookSink();
    cleanups.unshift(
      () => dingtalk.close(),
      () => webhook.close(),
    );
    slack.onPost((post) => io.out(`${stamp()} [slack] ${slackText(post).split('\n')[0]}`));
    smtp.onMail((mail) => io.out(`${stamp()} [email] ${mail.subject}`));
    dingtalk.onRequest((request) => io.out(`${stamp()} [dingtalk] ${dingtalkTitle(request)}`));
    // Every event goes to the webhook: a burst is one line, not one per event.
    let burst: SinkRequest[] = [];
    webhook.onRequest((request) => {
      burst.push(request);
      if (burst.length > 1) return;
      setTimeout(() => {
        io.out(`${stamp()} [webhook] ${webhookLine(burst)}`);
        burst = [];
      }, 300).unref();
    });

    const prefix = `dashwatch-demo:${randomUUID().slice(0, 8)}`;
    cleanups.unshift(() => deleteKeys(redis.url, prefix));
    const config = demoConfig({
      redisUrl: redis.url,
      prefix,
      simulatorUrl: sim.url,
      apiKey: API_KEY,
      slackUrl: slack.url,
      smtpUrl: smtp.url,
      dingtalkUrl: dingtalk.webhookUrl,
      dingtalkSecret: dingtalk.secret ?? '',
      webhookUrl: webhook.webhookUrl,
      webhookSecret: webhook.secret,
      httpPort: await freePort(9464),
    });
    const jobs = seedAccount(sim.sim, new Date());
    io.out(
      `dashwatch demo: simulator ${sim.url}, Slack sink ${new URL(slack.url).host}, SMTP sink ${new URL(smtp.url).host}, Redis ${redis.started ? 'started here' : 'found'} (${new URL(redis.url).host}, keys under ${prefix})`,
    );
    io.out('A simulated account with 60 old jobs and 4 live ones; the first poll is a silent baseline.');
    const logger = commandLogger(io.env, 'warn', process.stderr);
    const daemon: Daemon = await startDaemon(config, logger);
    cleanups.unshift(() => daemon.stop(5000));
    io.out(
      `Status page: ${daemon.http?.url ?? ''}/ (live jobs, a timeline, the history; open it while the story runs)`,
    );

    // Ctrl-C must end the story too: its pending sleeps would otherwise hold the process open (and
    // keep acting on the stopped simulator) for up to half a minute after cleanup.
    const stop = new AbortController();
    void io.interrupted.then(() => stop.abort());
    const { signal } = stop;
    const story = (async () => {
      await waitForBaseline(daemon, signal);
      io.out(`${stamp()} baseline recorded; nothing was sent for the jobs that already existed`);
      const base = Date.now();
      for (const step of scenario(sim.sim, jobs)) {
        await sleep(Math.max(0, base + step.atMs - Date.now()), undefined, { signal });
        io.out(`${stamp()} [account] ${step.say}`);
        step.act();
      }
      await sleep(8000, undefined, { signal });
      const redisClient = new Redis(redis.url);
      try {
        const outcome = await sendDigestNow(config, redisClient, 'daily', logger, signal);
        await smtp.waitFor(smtp.received.length, 1000);
        const digest = smtp.received.at(-1);
        if (digest !== undefined && 'events' in outcome) {
          io.out(`${stamp()} the daily digest (${outcome.events} events), as mailed:`);
          for (const line of digest.text.split('\n').slice(0, 40)) io.out(`        ${line}`);
        }
      } finally {
        redisClient.disconnect();
      }
      io.out(
        `${stamp()} demo finished: ${slack.received.length} Slack messages, ${smtp.received.length} emails, ${dingtalk.received.length} DingTalk messages, ${webhook.received.length} webhook events (signatures verified: ${dingtalk.violations.length + webhook.violations.length === 0 ? 'all' : 'NOT all'}).`,
      );
    })().catch((error: unknown) => {
      // Failures caused by the interruption are the interruption, not errors.
      if (!signal.aborted) throw error;
    });
    await Promise.race([story, io.interrupted]);
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}

/** The DingTalk post's title, as the chat list shows it. */
function dingtalkTitle(request: SinkRequest): string {
  const title = (request.json as { markdown?: { title?: unknown } } | undefined)?.markdown?.title;
  return typeof title === 'string' ? title : request.raw.slice(0, 80);
}

/** `job.failed 2c89f08d-… (signed)`, or a burst by type: `25 events: job.succeeded ×25 (signed)`. */
function webhookLine(requests: readonly SinkRequest[]): string {
  const types = requests.map((request) => String((request.json as { type?: unknown } | undefined)?.type));
  const [only] = requests;
  if (only !== undefined && requests.length === 1) {
    const job = (only.json as { data?: { job?: { id?: unknown } } } | undefined)?.data?.job?.id;
    return `${types[0]}${typeof job === 'string' ? ` ${job}` : ''} (signed, webhook-id ${String(only.headers['webhook-id']).slice(0, 12)}…)`;
  }
  const counts = new Map<string, number>();
  for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
  const summary = [...counts].map(([type, count]) => `${type} ×${count}`).join(', ');
  return `${requests.length} events: ${summary} (signed, one request each)`;
}

async function waitForBaseline(daemon: Daemon, signal: AbortSignal): Promise<void> {
  const ids = ['fine_tune', 'model_import', 'compression', 'checkpoint'].map((kind) => `demo.${kind}`);
  for (;;) {
    const views = await Promise.all(ids.map((id) => daemon.engine.store.loadView(id)));
    if (views.every((view) => view.baselineDone)) return;
    await sleep(200, undefined, { signal });
  }
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
