import { describe, test } from 'vitest';
import { type SlackSink, startSlackSink } from '../../src/dev/sinks/index.js';
import { renderSlackMessages } from '../../src/notifiers/slack/index.js';
import {
  capturedLogger,
  deliveredIds,
  idle,
  notifyConfig,
  notifyFixture,
  settled,
  startPipeline,
  taggedEvents,
} from '../support/notify-harness.js';

/** Resources of one test; the tests run at once (each waits on BullMQ's retry backoff). */
async function setup(label: string, onTestFinished: (fn: () => Promise<void>) => void) {
  const { teardown, redis, feed } = notifyFixture(label, onTestFinished);
  const slack = teardown.add(await startSlackSink());
  return { teardown, redis, feed, slack };
}

const slackChannel = (name: string, sink: SlackSink) =>
  `  ${name}: { type: slack, webhookUrl: "${sink.url}", groupWait: 0, minInterval: 50ms }`;

describe.concurrent('a Slack webhook that fails', () => {
  test('429 with Retry-After: 2, then 200: delivered once, at least 2 s after the 429', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed, slack } = await setup('n429', onTestFinished);
    const { logger, lines } = capturedLogger();
    slack.script([{ status: 429, body: 'rate_limited', headers: { 'retry-after': '2' } }]);
    const config = notifyConfig(redis, `channels:\n${slackChannel('slack', slack)}`);
    const pipeline = await startPipeline(teardown, config, logger);
    const [event] = taggedEvents('rl', 1);
    if (event === undefined) throw new Error('no event');
    await feed.add(event);

    const [post] = await slack.waitFor(1, 10_000);
    // Logged once the 429 was read: the post came at least Retry-After after this.
    const retry = lines.find((line) => line.msg === 'delivery failed; will retry');
    expect(retry?.err).toMatchObject({ httpStatus: 429, retryAfterMs: 2000 });
    const delay = Date.parse(post?.receivedAt ?? '') - (retry?.time ?? Number.NaN);
    console.info('429 → delivered after %d ms', delay);
    expect(delay).toBeGreaterThanOrEqual(2000);
    await settled(redis, pipeline.deliverQueue, 'slack', [event.id]);
    expect(slack.received).toHaveLength(1);
    expect(JSON.stringify(slack.received[0]?.body)).toContain(event.job.id);
  });

  test('three 500s, then 200: delivered once', async ({ expect, onTestFinished }) => {
    const { teardown, redis, feed, slack } = await setup('n500', onTestFinished);
    const { logger, lines } = capturedLogger();
    slack.script(Array.from({ length: 3 }, () => ({ status: 500, body: 'internal_error' })));
    const pipeline = await startPipeline(
      teardown,
      notifyConfig(redis, `channels:\n${slackChannel('slack', slack)}`),
      logger,
    );
    const [event] = taggedEvents('five', 1);
    if (event === undefined) throw new Error('no event');
    const started = Date.now();
    await feed.add(event);

    await slack.waitFor(1, 30_000);
    await settled(redis, pipeline.deliverQueue, 'slack', [event.id]);
    const retries = lines.filter((line) => line.msg === 'delivery failed; will retry');
    console.info('3 × 500 → delivered after %d ms', Date.now() - started);
    expect(retries.map((line) => (line.err as { httpStatus?: number }).httpStatus)).toEqual([500, 500, 500]);
    // Nothing went out between them: each wait is longer than the last.
    expect(retries.map((line) => line.failuresInARow)).toEqual([1, 2, 3]);
    expect(slack.received).toHaveLength(1);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });

  test('a batch split in two messages, 500 on the second: the retry sends only the second', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed, slack } = await setup('nsplit', onTestFinished);
    const { logger } = capturedLogger();
    slack.script([
      { status: 200, body: 'ok' },
      { status: 500, body: 'internal_error' },
    ]);
    const pipeline = await startPipeline(
      teardown,
      notifyConfig(redis, `channels:\n${slackChannel('slack', slack)}`),
      logger,
    );
    // An error message longer than 50 sections of 3,000 characters: one event, two messages.
    const [event] = taggedEvents('split', 1).map((e) => ({
      ...e,
      job: { ...e.job, error: { code: 'Huge', message: 'x'.repeat(60).concat('\n').repeat(2600) } },
    }));
    if (event === undefined) throw new Error('no event');
    const expected = renderSlackMessages([event], { maxJobsPerMessage: 20 });
    expect(expected).toHaveLength(2);
    await feed.add(event);

    await slack.waitFor(2, 15_000);
    await settled(redis, pipeline.deliverQueue, 'slack', [event.id]);
    expect(slack.received.map((post) => post.body)).toEqual(expected);
  });

  test('404 no_service: given up with one error line, while another channel delivers the same event', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed, slack: broken } = await setup('n404', onTestFinished);
    const healthy = teardown.add(await startSlackSink());
    const { logger, lines } = capturedLogger();
    broken.script([{ status: 404, body: 'no_service' }]);
    const config = notifyConfig(
      redis,
      `channels:\n${slackChannel('gone', broken)}\n${slackChannel('alive', healthy)}`,
    );
    const pipeline = await startPipeline(teardown, config, logger);
    const [event] = taggedEvents('gone', 1);
    if (event === undefined) throw new Error('no event');
    await feed.add(event);

    await healthy.waitFor(1, 10_000);
    // Given up is final: the flush job failed, nothing retries, and the event is not pending.
    await expect
      .poll(
        async () => (await idle(pipeline.deliverQueue)) && (await deliveredIds(redis, 'gone')).length === 1,
        { timeout: 10_000 },
      )
      .toBe(true);
    await settled(redis, pipeline.deliverQueue, 'alive', [event.id]);
    expect(await pipeline.deliverQueue.getJobCounts('failed')).toEqual({ failed: 1 });
    const errors = lines.filter((line) => line.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      msg: 'delivery failed permanently; gave up on this batch',
      channel: 'gone',
      code: 'no_service',
      httpStatus: 404,
    });
    // The webhook URL is a secret: not in the error line, nor anywhere else in the log.
    expect(JSON.stringify(lines)).not.toContain(broken.url.split('/').at(-1));
    expect(broken.received).toHaveLength(0);
    expect(healthy.received).toHaveLength(1);
    expect(JSON.stringify(healthy.received[0]?.body)).toContain(event.job.id);
  });
});
