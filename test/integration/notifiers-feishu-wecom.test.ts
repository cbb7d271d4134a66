import { describe, test } from 'vitest';
import { startFeishuSink, startWecomSink } from '../../src/dev/sinks/index.js';
import { feishuChannelSchema } from '../../src/notifiers/feishu/index.js';
import { createChannel, NotifyError } from '../../src/notifiers/index.js';
import { wecomChannelSchema } from '../../src/notifiers/wecom/index.js';
import { bulkEvents, capturingLogger, EVIL_EVENT, FAILED_EVENT } from '../support/notify-fixtures.js';
import {
  capturedLogger,
  notifyConfig,
  notifyFixture,
  settled,
  startPipeline,
  taggedEvents,
} from '../support/notify-harness.js';

const { logger } = capturingLogger();

async function failure(send: Promise<void>): Promise<NotifyError> {
  const error = await send.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof NotifyError)) throw new Error(`expected a NotifyError, got ${String(error)}`);
  return error;
}

describe.concurrent('Feishu bot against its sink', () => {
  test('a signed card, red for a failure, API text inert', async ({ expect, onTestFinished }) => {
    const sink = await startFeishuSink({ signed: true });
    onTestFinished(() => sink.close());
    const channel = createChannel(
      'lark',
      feishuChannelSchema.parse({
        type: 'feishu',
        webhookUrl: sink.webhookUrl,
        secret: sink.secret,
        minInterval: 0,
      }),
      { logger },
    );
    await channel.send([EVIL_EVENT], AbortSignal.timeout(5000));
    await channel.send(bulkEvents(2), AbortSignal.timeout(5000));
    expect(sink.violations).toEqual([]);
    const cards = sink.received.map(
      (request) =>
        request.json as { card: { header: { template: string }; elements: { content: string }[] } },
    );
    expect(cards.map((card) => card.card.header.template)).toEqual(['red', 'green']);
    expect(cards[0]?.card.elements[0]?.content).not.toMatch(/<at|<script|<!here/);
  });

  test('body codes: 9499 retries, 19021 (bad signature) is permanent', async ({ expect, onTestFinished }) => {
    const sink = await startFeishuSink({ signed: true });
    onTestFinished(() => sink.close());
    const good = createChannel(
      'lark',
      feishuChannelSchema.parse({ type: 'feishu', webhookUrl: sink.webhookUrl, secret: sink.secret }),
      { logger },
    );
    sink.script([{ status: 200, body: JSON.stringify({ code: 9499, msg: 'too many request', data: {} }) }]);
    expect(await failure(good.send([FAILED_EVENT], AbortSignal.timeout(5000)))).toMatchObject({
      retryable: true,
      code: '9499',
    });
    const bad = createChannel(
      'lark',
      feishuChannelSchema.parse({ type: 'feishu', webhookUrl: sink.webhookUrl, secret: 'wrongsecret123' }),
      { logger },
    );
    const error = await failure(bad.send([FAILED_EVENT], AbortSignal.timeout(5000)));
    expect(error).toMatchObject({ retryable: false, code: '19021' });
    expect(sink.violations).toEqual(['signature mismatch']);
  });

  test('a burst of 15 events, one card each, paced by default: within 5 a second, none lost', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed } = notifyFixture('fsburst', onTestFinished);
    const sink = teardown.add(await startFeishuSink({ signed: true }));
    const config = notifyConfig(
      redis,
      `channels:\n  lark: { type: feishu, webhookUrl: "${sink.webhookUrl}", secret: "${sink.secret}", groupWait: 0, maxJobsPerMessage: 1 }`,
    );
    const pipeline = await startPipeline(teardown, config, capturedLogger().logger);
    const events = taggedEvents('fs', 15);
    await feed.add(...events);
    await settled(
      redis,
      pipeline.deliverQueue,
      'lark',
      events.map((event) => event.id),
      60_000,
    );
    expect(sink.violations).toEqual([]);
    expect(sink.received).toHaveLength(15);
  });
});

describe.concurrent('WeCom robot against its sink', () => {
  test('markdown posts within 4,096 bytes: a big batch is split, nothing dropped', async ({
    expect,
    onTestFinished,
  }) => {
    const sink = await startWecomSink();
    onTestFinished(() => sink.close());
    const channel = createChannel(
      'wx',
      wecomChannelSchema.parse({
        type: 'wecom',
        webhookUrl: sink.webhookUrl,
        minInterval: 0,
        maxJobsPerMessage: 40,
      }),
      { logger },
    );
    const events = bulkEvents(40);
    await channel.send(events, AbortSignal.timeout(10_000));
    expect(sink.violations).toEqual([]);
    expect(sink.received.length).toBeGreaterThan(1);
    const all = sink.received.map((request) => request.raw).join('\n');
    for (const event of events) expect(all).toContain(event.job.id);
  });

  test('45009 waits a minute; 93000 (robot removed) is permanent', async ({ expect, onTestFinished }) => {
    const sink = await startWecomSink();
    onTestFinished(() => sink.close());
    const channel = createChannel(
      'wx',
      wecomChannelSchema.parse({ type: 'wecom', webhookUrl: sink.webhookUrl }),
      { logger },
    );
    sink.script([{ status: 200, body: JSON.stringify({ errcode: 45009, errmsg: 'api freq out of limit' }) }]);
    expect(await failure(channel.send([FAILED_EVENT], AbortSignal.timeout(5000)))).toMatchObject({
      retryable: true,
      retryAfterMs: 60_000,
      code: '45009',
    });
    const removed = createChannel(
      'wx',
      wecomChannelSchema.parse({ type: 'wecom', webhookUrl: sink.webhookUrl.replace(/key=.*/, 'key=gone') }),
      { logger },
    );
    expect(await failure(removed.send([FAILED_EVENT], AbortSignal.timeout(5000)))).toMatchObject({
      retryable: false,
      code: '93000',
    });
  });
});
