import { describe, test } from 'vitest';
import type { DashwatchEvent } from '../../src/core/types.js';
import { startSlackSink, startSmtpSink } from '../../src/dev/sinks/index.js';
import { NOTIFY_JOB_OPTIONS } from '../../src/queue/names.js';
import {
  capturedLogger,
  notifyConfig,
  notifyFixture,
  settled,
  startPipeline,
  taggedEvents,
  until,
} from '../support/notify-harness.js';

async function setup(label: string, groupWait: string, onTestFinished: (fn: () => Promise<void>) => void) {
  const { teardown, redis, feed } = notifyFixture(label, onTestFinished);
  const slack = teardown.add(await startSlackSink());
  const smtp = teardown.add(await startSmtpSink());
  const config = notifyConfig(
    redis,
    `
channels:
  slack: { type: slack, webhookUrl: "${slack.url}", groupWait: ${groupWait}, minInterval: 50ms }
  mail: { type: email, smtpUrl: "${smtp.url}", from: dw@example.com, to: [team@example.com], groupWait: ${groupWait} }
routes:
  - { match: {}, channels: [slack, mail] }
`,
  );
  const pipeline = await startPipeline(teardown, config, capturedLogger().logger);
  /** Adds `event` under another BullMQ job id and waits until the router has handled it. */
  const replay = async (event: DashwatchEvent, jobId: string) => {
    await feed.queue.add(event.type, event, { ...NOTIFY_JOB_OPTIONS, jobId });
    await until(async () => (await feed.queue.getJobState(jobId)) === 'completed', `replay ${jobId} routed`);
  };
  return { redis, feed, slack, smtp, pipeline, replay };
}

describe.concurrent('a replayed event', () => {
  test('is not delivered again after delivery, under a new job id or after its job was removed', async ({
    expect,
    onTestFinished,
  }) => {
    const { redis, feed, slack, smtp, pipeline, replay } = await setup('dedup', '0', onTestFinished);
    const [event] = taggedEvents('dedup', 1);
    if (event === undefined) throw new Error('no event');
    await feed.add(event);
    await settled(redis, pipeline.deliverQueue, 'slack', [event.id]);
    await settled(redis, pipeline.deliverQueue, 'mail', [event.id]);
    expect([slack.received.length, smtp.received.length]).toEqual([1, 1]);

    await replay(event, `${event.id}-replay`);
    // The original job gone (removeOnComplete age passed, or removed by hand): its id is free again.
    await feed.queue.remove(event.id);
    await replay(event, event.id);
    // Routing a replay re-arms the flush; it must find nothing to send.
    await settled(redis, pipeline.deliverQueue, 'slack', [event.id]);
    await settled(redis, pipeline.deliverQueue, 'mail', [event.id]);
    expect([slack.received.length, smtp.received.length]).toEqual([1, 1]);
  });

  test('is not queued twice while the first copy waits for its batch', async ({ expect, onTestFinished }) => {
    const { redis, feed, slack, smtp, pipeline, replay } = await setup('dedupwait', '1s', onTestFinished);
    const events = taggedEvents('dedupwait', 3);
    await feed.add(...events);
    for (const event of events) await replay(event, `${event.id}-again`);
    const ids = events.map((event) => event.id);
    await settled(redis, pipeline.deliverQueue, 'slack', ids);
    await settled(redis, pipeline.deliverQueue, 'mail', ids);
    expect([slack.received.length, smtp.received.length]).toEqual([1, 1]);
    const text = JSON.stringify(slack.received[0]?.body);
    for (const event of events) expect(text.split(`\`${event.job.id}\``)).toHaveLength(2);
    expect(smtp.received[0]?.subject).toContain('3');
  });
});
