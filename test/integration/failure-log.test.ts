import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';
import { type SlackPost, type SlackSink, startSlackSink } from '../../src/dev/sinks/index.js';
import { emptyDir, freePort, killAllCli, spawnCli } from '../support/cli-process.js';
import { waitUntil } from '../support/engine-process.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const API_KEY = 'sk-dashwatch-LOGSECRET-5c2e91';

let sim: RunningSimulator;
let slack: SlackSink;
let redis: TestRedis;
let cwd: ReturnType<typeof emptyDir>;

beforeEach(async () => {
  sim = await startSimulator({ apiKeys: [API_KEY] });
  slack = await startSlackSink();
  redis = testRedis('failure-log');
  cwd = emptyDir();
});
afterEach(async () => {
  await killAllCli();
  await Promise.all([sim.close(), slack.close()]);
  await redis.cleanup();
  cwd.remove();
});

async function startDaemon(): Promise<void> {
  const port = await freePort();
  const daemon = spawnCli(
    ['start'],
    {
      DASHSCOPE_API_KEY: API_KEY,
      DASHSCOPE_BASE_URL: sim.url,
      REDIS_URL: redis.url,
      DASHWATCH_REDIS_PREFIX: redis.prefix,
      SLACK_WEBHOOK_URL: slack.url,
      POLL_INTERVAL: '1s',
      NOTIFY_GROUP_WAIT: '0',
      DASHWATCH_PORT: String(port),
    },
    cwd.dir,
  );
  // The second fine-tune cycle compares with the first's baseline: changes from now on are news.
  const cycles = () =>
    daemon
      .stdout()
      .split('\n')
      .filter((l) => l.includes('"watch":"default.fine_tune"') && l.includes('"msg":"poll cycle"'));
  await waitUntil(() => cycles().length >= 2, 'two fine-tune cycles', 30_000);
}

const text = (post: SlackPost) => JSON.stringify(post.body);
const postAbout = (id: string, what = '') =>
  slack.received.find((post) => text(post).includes(id) && text(post).includes(what));

/** Fails `id` and waits for its FAILED message; returns it and how long it took. */
async function failAndWait(id: string): Promise<{ body: string; ms: number }> {
  const started = Date.now();
  sim.sim.setStatus(id, 'FAILED', { errorCode: 'InternalError', errorMessage: 'training aborted' });
  await waitUntil(() => postAbout(id, 'FAILED') !== undefined, `${id} FAILED posted`, 30_000);
  const post = postAbout(id, 'FAILED') as SlackPost;
  return { body: text(post), ms: Date.parse(post.receivedAt) - started };
}

describe('a failed fine-tune carries the end of its log', () => {
  it('attaches the last 20 lines, secrets scrubbed; says so when the log cannot be read, and is not held back', async () => {
    const [withLog, unreadable, slowLog, succeeded] = sim.sim.createJobs({
      kind: 'fine_tune',
      count: 4,
      status: 'RUNNING',
    });
    await startDaemon();
    const ids = [withLog, unreadable, slowLog, succeeded].map((ref) => ref?.id ?? '');
    const [logId, unreadableId, slowId, okId] = ids as [string, string, string, string];
    const lines = Array.from({ length: 30 }, (_, i) => `step ${i + 1}: loss ${(2 - i / 20).toFixed(2)}`);
    lines[27] = `Traceback: auth failed with key ${API_KEY} (CUDA out of memory)`;
    sim.sim.appendLogs(logId, lines);

    const ok = Date.now();
    sim.sim.setStatus(okId, 'SUCCEEDED');
    await waitUntil(() => postAbout(okId, 'SUCCEEDED') !== undefined, 'SUCCEEDED posted', 30_000);
    const usual = Date.parse((postAbout(okId, 'SUCCEEDED') as SlackPost).receivedAt) - ok;

    const attached = await failAndWait(logId);
    expect(attached.body).toContain('step 30: loss 0.55');
    // The simulator logs each status change too: the last 20 of 33 lines are steps 12–30 and FAILED.
    expect(attached.body).toContain('last 20 of 33 lines');
    expect(attached.body).toContain('step 12: loss');
    expect(attached.body).not.toContain('step 11: loss');
    expect(attached.body).toContain('```');
    expect(attached.body).toContain('CUDA out of memory');
    expect(attached.body).toContain('[redacted]');
    expect(attached.body).not.toContain(API_KEY);

    // Every read of this job's log answers 500: the retries give up, the failure goes out anyway.
    sim.sim.injectFault({
      type: 'status',
      httpStatus: 500,
      probability: 1,
      match: { path: `/api/v1/fine-tunes/${unreadableId}/logs` },
    });
    const failing = await failAndWait(unreadableId);
    expect(failing.body).toContain('could not be read');

    // A log endpoint that never answers costs at most the deadline (5 s).
    sim.sim.injectFault({
      type: 'hang',
      probability: 1,
      match: { path: `/api/v1/fine-tunes/${slowId}/logs` },
    });
    const slow = await failAndWait(slowId);
    expect(slow.body).toContain('could not be read (timeout)');
    expect(slow.ms).toBeLessThan(usual + 5000 + 2500);
    console.log(
      `latency: no log ${usual} ms; log attached ${attached.ms} ms; log endpoint 500 ${failing.ms} ms; log endpoint hanging ${slow.ms} ms`,
    );
  });
});
