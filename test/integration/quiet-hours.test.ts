import { describe, test } from 'vitest';
import { startNotifyPipeline } from '../../src/delivery/pipeline.js';
import { startSlackSink } from '../../src/dev/sinks/index.js';
import { FAILED_EVENT } from '../support/notify-fixtures.js';
import {
  capturedLogger,
  idle,
  notifyConfig,
  notifyFixture,
  taggedEvents,
  until,
} from '../support/notify-harness.js';

/** A clock `offsetMs` ahead of the real one: quiet hours end in seconds of real time. */
function clockAt(isoLocalShanghai: string): () => number {
  const offset = Date.parse(`${isoLocalShanghai}+08:00`) - Date.now();
  return () => Date.now() + offset;
}

describe('quiet hours', () => {
  test('hold events until the end, then send one summary; FAILED goes out at once', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed } = notifyFixture('quiet', onTestFinished);
    const slack = teardown.add(await startSlackSink());
    const config = notifyConfig(
      redis,
      `timeZone: Asia/Shanghai
channels:
  slack:
    type: slack
    webhookUrl: "${slack.url}"
    groupWait: 0
    minInterval: 0
    quietHours: { from: "22:00", to: "08:00", except: [FAILED] }
routes:
  - { match: {}, channels: [slack] }`,
    );
    const { logger, lines } = capturedLogger();
    // 07:59:54 in Shanghai: six seconds of quiet left.
    const now = clockAt('2026-03-02T07:59:54');
    const pipeline = await startNotifyPipeline(config, logger, {}, undefined, { now });
    teardown.defer(() => pipeline.stop());

    const quietOnes = taggedEvents('night', 3);
    await feed.add(...quietOnes);
    await until(
      async () => lines.some((l) => l.msg === 'quiet hours: events held' && l.waiting === 3),
      'three held',
    );
    const failedAt = Date.now();
    await feed.add({ ...FAILED_EVENT, id: 'evt-night-failed' });
    const [urgent] = await slack.waitFor(1, 10_000);
    expect(Date.now() - failedAt).toBeLessThan(3000);
    expect(JSON.stringify(urgent?.body)).toContain('FAILED');
    for (const event of quietOnes) expect(JSON.stringify(urgent?.body)).not.toContain(event.job.id);

    // Nothing else until 08:00, then all three in one message.
    const posts = await slack.waitFor(2, 15_000);
    const summary = JSON.stringify(posts[1]?.body);
    expect(now()).toBeGreaterThanOrEqual(Date.parse('2026-03-02T08:00:00+08:00'));
    expect(summary).toContain('quiet hours 22:00–08:00');
    expect(summary).toContain('3 finished');
    // The three are a sweep (`night job 0…2`): one line naming the first and last.
    expect(summary).toMatch(/night job.*×3.*ft-night-0000.*ft-night-0002/);
    await until(
      async () => lines.some((l) => l.msg === 'quiet hours over: summary sent'),
      'the release logged',
    );
    // Held events are delivered for dedup purposes: replayed, they are not sent again.
    await feed.add(...quietOnes.map((event) => ({ ...event })));
    await until(
      async () => (await idle(feed.queue)) && (await idle(pipeline.deliverQueue)),
      'the replay routed',
    );
    expect(slack.received).toHaveLength(2);
    expect(await redis.client.exists(`${redis.prefix}:ch:{slack}:held`)).toBe(0);
  });

  test('outside quiet hours nothing is held', async ({ expect, onTestFinished }) => {
    const { teardown, redis, feed } = notifyFixture('quiet-day', onTestFinished);
    const slack = teardown.add(await startSlackSink());
    const config = notifyConfig(
      redis,
      `timeZone: Asia/Shanghai
channels:
  slack: { type: slack, webhookUrl: "${slack.url}", groupWait: 0, minInterval: 0, quietHours: { from: "22:00", to: "08:00" } }
routes:
  - { match: {}, channels: [slack] }`,
    );
    const pipeline = await startNotifyPipeline(config, capturedLogger().logger, {}, undefined, {
      now: clockAt('2026-03-02T12:00:00'),
    });
    teardown.defer(() => pipeline.stop());
    const [event] = taggedEvents('day', 1);
    if (event === undefined) throw new Error('no event');
    await feed.add(event);
    const [post] = await slack.waitFor(1, 10_000);
    expect(JSON.stringify(post?.body)).toContain(event.job.id);
  });
});
