import { Redis } from 'ioredis';
import { afterEach, beforeEach, expect, inject, it } from 'vitest';
import { alive, descendants, emptyDir, killAllCli, spawnCli } from '../support/cli-process.js';
import { waitUntil } from '../support/engine-process.js';

let redis: Redis;
let cwd: ReturnType<typeof emptyDir>;

beforeEach(() => {
  redis = new Redis(inject('redisUrl'));
  cwd = emptyDir();
});
afterEach(async () => {
  await killAllCli();
  redis.disconnect();
  cwd.remove();
});

/** The demo picks a random `dashwatch-demo:<id>` prefix; these are the ids with keys now. */
async function demoPrefixes(): Promise<Set<string>> {
  const keys = await redis.keys('dashwatch-demo:*');
  return new Set(keys.map((key) => key.split(':').slice(0, 2).join(':')));
}

it('demo: first Slack line within 30 s; SIGINT ends it promptly with 0, leaving no process or key', async () => {
  const started = Date.now();
  const demo = spawnCli(['demo'], { REDIS_URL: inject('redisUrl') }, cwd.dir);
  const first = await demo.line(/^ *\+\d+\.\ds \[slack\] /, 30_000);
  const firstSlackMs = Date.now() - started;
  expect(first).toMatch(/\[slack\] \S/);
  // The demo found the test Redis (so it started none) and keeps its state under a prefix of its own.
  expect(demo.stdout()).toContain('Redis found');
  // Other demos may share this Redis: ours is the prefix it names.
  const ours = [/keys under (dashwatch-demo:\w+)/.exec(demo.stdout())?.[1] ?? 'none'];
  expect(await demoPrefixes()).toContain(ours[0]);

  const children = await descendants(demo.pid);
  const interrupted = Date.now();
  demo.child.kill('SIGINT');
  const exit = await Promise.race([
    demo.exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('demo still running 10 s after SIGINT')), 10_000).unref(),
    ),
  ]);
  const stopMs = Date.now() - interrupted;
  expect(exit, demo.stderr()).toEqual({ code: 0, signal: null });
  expect(stopMs).toBeLessThanOrEqual(10_000);
  // tsx's esbuild service ends when its parent's pipe closes, a moment after the parent.
  await waitUntil(() => children.every((pid) => !alive(pid)), `children ${children} to end`, 5000);
  expect([...(await demoPrefixes())].filter((prefix) => ours.includes(prefix))).toEqual([]);
  expect(demo.stdout()).toContain('stopping the demo');
  process.stdout.write(`demo: first [slack] line after ${firstSlackMs} ms; exit ${stopMs} ms after SIGINT\n`);
});
