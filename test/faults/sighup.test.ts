import { afterEach, beforeEach, expect, it } from 'vitest';
import { SnapshotStore } from '../../src/store/index.js';
import { waitUntil } from '../support/engine-process.js';
import { type TestRedis, testRedis } from '../support/redis.js';
import { logsOf, type Rig, startRig } from './support/rig.js';

// Fault 10: SIGHUP used to kill the daemon on the spot. Now it reloads: a valid config adds a watch
// and a channel without a restart, an invalid one is one line and the running config stays.
let rig: Rig;
let redis: TestRedis;

beforeEach(async () => {
  rig = await startRig();
  redis = testRedis('faults-sighup');
});
afterEach(async () => {
  await rig.close();
  await redis.cleanup();
});

it('SIGHUP: a valid config adds a watch and a channel live; an invalid one is one line and changes nothing', async () => {
  const full = rig.config(redis.url, redis.prefix);
  const channels = full.channels as Record<string, unknown>;
  const slackOnly = { ...full, channels: { chat: channels.chat } };
  const path = rig.write(slackOnly);
  const daemon = rig.start(path);
  await rig.ready(daemon);
  const pid = daemon.pid;

  // Reload 1: the account gains a kind and the config gains the email channel.
  const [account] = full.accounts as Record<string, unknown>[];
  rig.write({ ...full, accounts: [{ ...account, kinds: ['fine_tune', 'compression'] }] });
  daemon.child.kill('SIGHUP');
  await waitUntil(
    () => logsOf(daemon).some((line) => line.msg === 'configuration reloaded'),
    'configuration reloaded',
    20_000,
  );
  const reloaded = logsOf(daemon).find((line) => line.msg === 'configuration reloaded') as unknown as {
    watches: number;
    channels: string[];
  };
  expect(reloaded).toMatchObject({ watches: 2, channels: ['chat', 'mail'] });
  await rig.ready(daemon);

  // The new watch's jobs reach both channels: a compression job that fails after its baseline.
  const [quant] = rig.sim.sim.createJobs({ kind: 'compression', status: 'RUNNING', name: 'hup-quant' });
  const quantId = quant?.id ?? '';
  await waitUntil(
    async () => (await rig.get('/readyz'))?.status === 200 && (await baselined(quantId)),
    'the compression job in a baseline',
    20_000,
  );
  rig.sim.sim.setStatus(quantId, 'FAILED', {
    errorCode: 'InternalError',
    errorMessage: 'quantization failed',
  });
  await waitUntil(
    () => rig.slack.received.some((post) => JSON.stringify(post.body).includes(quantId)),
    'Slack told of the compression job',
    20_000,
  );
  await waitUntil(
    () => rig.smtp.received.some((mail) => mail.text.includes(quantId)),
    'email told of the compression job',
    20_000,
  );

  // Reload 2: an invalid file. One line, and the running configuration keeps working.
  rig.write({ ...full, polling: { interval: 'soon' } });
  const linesBefore = logsOf(daemon).length;
  daemon.child.kill('SIGHUP');
  await waitUntil(
    () => logsOf(daemon).some((line) => line.msg === 'reload rejected; the running configuration stays'),
    'reload rejected',
    20_000,
  );
  const rejected = logsOf(daemon)
    .slice(linesBefore)
    .filter((line) => line.level >= 40);
  expect(rejected).toHaveLength(1);
  expect(JSON.stringify(rejected[0])).toContain('polling.interval');

  const [sft] = rig.sim.sim.createJobs({ kind: 'fine_tune', status: 'RUNNING', name: 'hup-sft' });
  const sftId = sft?.id ?? '';
  await waitUntil(() => baselined(sftId), 'the fine-tune in a baseline', 20_000);
  rig.sim.sim.setStatus(sftId, 'FAILED', { errorCode: 'InvalidParameter', errorMessage: 'bad data' });
  await waitUntil(
    () => rig.smtp.received.some((mail) => mail.text.includes(sftId)),
    'email still told after a rejected reload',
    20_000,
  );
  expect(daemon.pid).toBe(pid);

  daemon.child.kill('SIGTERM');
  expect((await daemon.exited).code).toBe(0);
});

/** Whether the watch's snapshot holds the job: a poll has seen it in its first status. */
async function baselined(jobId: string): Promise<boolean> {
  for (const kind of ['fine_tune', 'compression']) {
    const entries = await new SnapshotStore(redis.client, redis.prefix).loadEntries(`main.${kind}`, [jobId]);
    if (entries.has(jobId)) return true;
  }
  return false;
}
