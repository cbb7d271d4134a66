import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/dev/simulator/index.js';
import { type SlackApiSink, startSlackApiSink } from '../../src/dev/sinks/index.js';
import { type CliProcess, emptyDir, killAllCli, spawnCli } from '../support/cli-process.js';
import { waitUntil } from '../support/engine-process.js';
import { type TestRedis, testRedis } from '../support/redis.js';

const API_KEY = 'sk-dashwatch-SLACKAPP-1f0b7a';

let sim: RunningSimulator;
let api: SlackApiSink;
let redis: TestRedis;
let cwd: ReturnType<typeof emptyDir>;
let env: Record<string, string>;

beforeEach(async () => {
  sim = await startSimulator({ apiKeys: [API_KEY] });
  api = await startSlackApiSink();
  redis = testRedis('slack-app');
  cwd = emptyDir();
  env = {
    DASHSCOPE_API_KEY: API_KEY,
    DASHSCOPE_BASE_URL: sim.url,
    REDIS_URL: redis.url,
    DASHWATCH_REDIS_PREFIX: redis.prefix,
    SLACK_BOT_TOKEN: api.token,
    SLACK_CHANNEL: `#${api.channelName}`,
    SLACK_API_URL: api.url,
    POLL_INTERVAL: '1s',
    NOTIFY_GROUP_WAIT: '0',
    DASHWATCH_PORT: '0',
  };
});
afterEach(async () => {
  await killAllCli();
  await Promise.all([sim.close(), api.close()]);
  await redis.cleanup();
  cwd.remove();
});

const cycles = (daemon: CliProcess) =>
  daemon
    .stdout()
    .split('\n')
    .filter((line) => line.includes('"watch":"default.fine_tune"') && line.includes('"msg":"poll cycle"'));

/** A daemon whose fine-tune watch has compared at least once with its baseline. */
async function daemon(): Promise<CliProcess> {
  const started = spawnCli(['start'], env, cwd.dir);
  await waitUntil(() => cycles(started).length >= 2, 'two fine-tune cycles', 30_000);
  return started;
}

/**
 * SIGKILL once the process has finished delivering (its `delivered` line): between changes, not in
 * the documented window between a post and its record, where a retry posts again.
 */
async function sigkill(process: CliProcess): Promise<void> {
  await waitUntil(() => process.stdout().includes('"msg":"delivered"'), 'the delivery recorded', 15_000);
  process.child.kill('SIGKILL');
  expect((await process.exited).signal).toBe('SIGKILL');
}

const roots = () => api.calls.filter((c) => c.method === 'chat.postMessage' && c.threadTs === undefined);
const replies = (ts: string) => api.calls.filter((c) => c.method === 'chat.postMessage' && c.threadTs === ts);
const updates = (ts: string) => api.calls.filter((c) => c.method === 'chat.update' && c.ts === ts);

describe('Slack app mode: a thread per job', () => {
  it('PENDING → RUNNING → SUCCEEDED is one root, updated in place, and two replies, across SIGKILLs', async () => {
    let running = await daemon();
    const [job] = sim.sim.createJobs({ kind: 'fine_tune', count: 1, name: 'support-bot-sft' });
    const id = job?.id ?? '';
    await api.waitFor(1, 30_000);
    const [root] = roots();
    expect(root?.text).toContain(id);

    // Killed after the root: the next process finds the thread in Redis.
    await sigkill(running);
    running = await daemon();
    sim.sim.setStatus(id, 'RUNNING');
    await api.waitFor(3, 30_000);
    await sigkill(running);
    running = await daemon();
    sim.sim.setStatus(id, 'SUCCEEDED');
    await api.waitFor(5, 30_000);
    // Two more cycles: a late duplicate would arrive now.
    const seen = cycles(running).length;
    await waitUntil(() => cycles(running).length >= seen + 2, 'two more cycles', 15_000);

    const ts = root?.ts ?? '';
    expect(roots()).toHaveLength(1);
    expect(replies(ts).map((c) => c.text)).toEqual([
      expect.stringContaining('RUNNING'),
      expect.stringContaining('SUCCEEDED'),
    ]);
    expect(updates(ts)).toHaveLength(2);
    expect(api.messages.get(ts)?.text).toContain('SUCCEEDED');
    expect(api.calls).toHaveLength(5);
    expect(api.refused).toEqual([]);
    console.log(
      `app mode lifecycle across 2 SIGKILLs: ${roots().length} root, ${replies(ts).length} replies, ${updates(ts).length} root updates, ${api.calls.length} calls`,
    );
  });

  it('broadcasts a FAILED reply, waits out ratelimited, and gives up on not_in_channel with one clear error', async () => {
    const [job, other] = sim.sim.createJobs({ kind: 'fine_tune', count: 2, status: 'RUNNING' });
    const running = await daemon();
    const id = job?.id ?? '';
    sim.sim.setStatus(id, 'QUEUING');
    await api.waitFor(1, 30_000);
    const ts = roots()[0]?.ts ?? '';

    api.script([{ error: 'ratelimited', retryAfter: 1 }]);
    const asked = Date.now();
    sim.sim.setStatus(id, 'FAILED', { errorCode: 'InternalError', errorMessage: 'boom' });
    await api.waitFor(3, 30_000);
    expect(api.refused).toEqual([{ method: 'chat.postMessage', error: 'ratelimited' }]);
    const [failed] = replies(ts);
    expect(failed?.broadcast).toBe(true);
    expect(Date.parse(failed?.receivedAt ?? '') - asked).toBeGreaterThanOrEqual(1000);

    api.setMember(false);
    sim.sim.setStatus(other?.id ?? '', 'SUCCEEDED');
    const line = await running.line(/delivery failed permanently/, 30_000);
    expect(line).toContain('"code":"not_in_channel"');
    expect(line).toContain('the bot is not in the channel');
    expect(line).not.toContain(api.token);
    const seen = cycles(running).length;
    await waitUntil(() => cycles(running).length >= seen + 2, 'two more cycles', 15_000);
    expect(
      running
        .stdout()
        .split('\n')
        .filter((l) => l.includes('not_in_channel')),
    ).toHaveLength(1);
  });
});
