import { describe, test } from 'vitest';
import { startSlackSink } from '../../src/dev/sinks/index.js';
import type { SlackBlock, SlackPayload } from '../../src/notifiers/slack/index.js';
import { MAX_BLOCKS, SECTION_MAX } from '../../src/notifiers/slack/index.js';
import {
  capturedLogger,
  jobIdsIn,
  notifyConfig,
  notifyFixture,
  settled,
  startPipeline,
  taggedEvents,
} from '../support/notify-harness.js';

async function setup(label: string, onTestFinished: (fn: () => Promise<void>) => void) {
  const { teardown, redis, feed } = notifyFixture(label, onTestFinished);
  const slack = teardown.add(await startSlackSink());
  return { teardown, redis, feed, slack };
}

const sectionTexts = (payload: SlackPayload) =>
  payload.blocks.flatMap((block: SlackBlock) => (block.type === 'section' ? [block.text.text] : []));

describe.concurrent('batching and pacing', () => {
  test('a burst of 500 events becomes ceil(500 / 20) messages within Block Kit limits, each job once', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed, slack } = await setup('burst', onTestFinished);
    const config = notifyConfig(
      redis,
      `channels:\n  slack: { type: slack, webhookUrl: "${slack.url}", groupWait: 1s, minInterval: 50ms, maxJobsPerMessage: 20 }`,
    );
    const pipeline = await startPipeline(teardown, config, capturedLogger().logger);
    const events = taggedEvents('burst', 500);
    const started = Date.now();
    await feed.add(...events);
    await settled(
      redis,
      pipeline.deliverQueue,
      'slack',
      events.map((event) => event.id),
      30_000,
    );
    const payloads = slack.received.map((post) => post.body as SlackPayload);
    console.info('500 events → %d messages in %d ms', payloads.length, Date.now() - started);
    expect(payloads.length).toBeLessThanOrEqual(Math.ceil(500 / 20));
    for (const payload of payloads) {
      expect(payload.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
      for (const text of sectionTexts(payload)) expect(text.length).toBeLessThanOrEqual(SECTION_MAX);
    }
    // Each job is named in exactly one message, and as often there as any other job is in its own.
    const messagesOf = new Map<string, number[]>();
    const mentions = new Map<string, number>();
    for (const [index, payload] of payloads.entries()) {
      const text = sectionTexts(payload).join('\n');
      for (const id of jobIdsIn(text)) {
        messagesOf.set(id, [...(messagesOf.get(id) ?? []), index]);
        mentions.set(id, text.split(id).length - 1);
      }
    }
    expect([...messagesOf.keys()].sort()).toEqual(events.map((event) => event.job.id).sort());
    expect([...messagesOf.values()].filter((indexes) => indexes.length !== 1)).toEqual([]);
    expect(new Set(mentions.values()).size).toBe(1);
  });

  test('1 message/s per webhook holds across two pipelines and six channels on that webhook', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed, slack } = await setup('pace', onTestFinished);
    // Six channels on one webhook, one event each: six flush jobs at once, more than one worker's
    // concurrency (4), so both pipelines send, and only the shared gate spaces their posts.
    const names = Array.from({ length: 6 }, (_, i) => `c${i}`);
    const config = notifyConfig(
      redis,
      `
channels:
${names.map((name) => `  ${name}: { type: slack, webhookUrl: "${slack.url}", groupWait: 0 }`).join('\n')}
routes:
${names.map((name) => `  - { match: { models: [model-${name}] }, channels: [${name}] }`).join('\n')}
`,
    );
    const logs = [capturedLogger(), capturedLogger()];
    const pipelines = await Promise.all(logs.map(({ logger }) => startPipeline(teardown, config, logger)));
    const events = taggedEvents('pace', 6).map((event, i) => ({
      ...event,
      job: { ...event.job, model: `model-c${i}` },
    }));
    await feed.add(...events);

    const posts = await slack.waitFor(6, 20_000);
    for (const [i, event] of events.entries()) {
      await settled(redis, pipelines[0]?.deliverQueue ?? feed.queue, `c${i}`, [event.id]);
    }
    const times = posts.map((post) => Date.parse(post.receivedAt));
    const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
    const perProcess = logs.map(({ lines }) => lines.filter((line) => line.msg === 'delivered').length);
    console.info('6 posts to one webhook, gaps %j ms, delivered per process %j', gaps, perProcess);
    expect(slack.received).toHaveLength(6);
    expect(perProcess.every((count) => count > 0)).toBe(true);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(950);
  });
});

// Alone: the spread of its events must not depend on how busy the other tests keep the event loop.
describe('a window of events', () => {
  test('20 events within groupWait become one message', async ({ expect, onTestFinished }) => {
    const { teardown, redis, feed, slack } = await setup('group', onTestFinished);
    const config = notifyConfig(
      redis,
      `channels:\n  slack: { type: slack, webhookUrl: "${slack.url}", groupWait: 2s, minInterval: 50ms }`,
    );
    const pipeline = await startPipeline(teardown, config, capturedLogger().logger);
    const events = taggedEvents('group', 20);
    const started = Date.now();
    // Spread over part of the window: one at a time, as successive poll cycles would find them.
    for (const event of events) {
      await feed.add(event);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const spread = Date.now() - started;
    expect(spread).toBeLessThan(2000);
    await settled(
      redis,
      pipeline.deliverQueue,
      'slack',
      events.map((event) => event.id),
    );
    console.info('20 events over %d ms → %d message(s)', spread, slack.received.length);
    expect(slack.received).toHaveLength(1);
    const text = JSON.stringify(slack.received[0]?.body);
    expect(jobIdsIn(text).sort()).toEqual(events.map((event) => event.job.id).sort());
    // Not sent before the window closed.
    expect(Date.parse(slack.received[0]?.receivedAt ?? '') - started).toBeGreaterThanOrEqual(2000);
  });
});
