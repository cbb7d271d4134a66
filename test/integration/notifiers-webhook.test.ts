import { describe, test } from 'vitest';
import { startWebhookSink } from '../../src/dev/sinks/index.js';
import { createChannel, NotifyError } from '../../src/notifiers/index.js';
import { WEBHOOK_SCHEMA, webhookChannelSchema } from '../../src/notifiers/webhook/index.js';
import { capturingLogger, FAILED_EVENT, WATCH_FAILING } from '../support/notify-fixtures.js';
import {
  capturedLogger,
  deliveredIds,
  idle,
  notifyConfig,
  notifyFixture,
  settled,
  startPipeline,
  taggedEvents,
  until,
} from '../support/notify-harness.js';

const { logger } = capturingLogger();

describe.concurrent('Standard Webhooks channel against its receiver', () => {
  test('one signed JSON event per request, webhook-id = event id, versioned payload', async ({
    expect,
    onTestFinished,
  }) => {
    const sink = await startWebhookSink();
    onTestFinished(() => sink.close());
    const channel = createChannel(
      'hook',
      webhookChannelSchema.parse({ type: 'webhook', url: sink.webhookUrl, secret: sink.secret }),
      { logger },
    );
    await channel.send([FAILED_EVENT, WATCH_FAILING], AbortSignal.timeout(5000));
    expect(sink.violations).toEqual([]);
    expect(sink.received.map((request) => request.headers['webhook-id'])).toEqual([
      FAILED_EVENT.id,
      WATCH_FAILING.id,
    ]);
    expect(sink.received.map((request) => request.json)).toMatchObject([
      {
        schema: WEBHOOK_SCHEMA,
        id: FAILED_EVENT.id,
        type: 'job.failed',
        data: { event: 'transition', to: 'FAILED', job: { id: FAILED_EVENT.job.id } },
      },
      { schema: WEBHOOK_SCHEMA, type: 'watch.failing', data: { watch: { account: 'prod' }, failures: 3 } },
    ]);
  });

  test('a wrong secret is refused by the receiver: 401 is permanent', async ({ expect, onTestFinished }) => {
    const sink = await startWebhookSink();
    onTestFinished(() => sink.close());
    const other = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const channel = createChannel(
      'hook',
      webhookChannelSchema.parse({ type: 'webhook', url: sink.webhookUrl, secret: other }),
      {
        logger,
      },
    );
    const error = await channel.send([FAILED_EVENT], AbortSignal.timeout(5000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyError);
    expect(error).toMatchObject({ retryable: false, httpStatus: 401 });
    expect(sink.violations).toEqual(['signature mismatch']);
  });

  test('500, 429 (Retry-After 1), 408, then 204: retried with the same webhook-id, delivered once', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed } = notifyFixture('hookretry', onTestFinished);
    const sink = teardown.add(await startWebhookSink());
    sink.script([
      { status: 500, body: 'oops' },
      { status: 429, body: 'slow down', headers: { 'retry-after': '1' } },
      { status: 408, body: 'timeout' },
    ]);
    const config = notifyConfig(
      redis,
      `channels:\n  hook: { type: webhook, url: "${sink.webhookUrl}", secret: "${sink.secret}", groupWait: 0 }`,
    );
    const pipeline = await startPipeline(teardown, config, capturedLogger().logger);
    const [event] = taggedEvents('retry', 1);
    if (event === undefined) throw new Error('no event');
    await feed.add(event);
    await settled(redis, pipeline.deliverQueue, 'hook', [event.id], 30_000);
    expect(sink.violations).toEqual([]);
    expect(sink.attempts.map((attempt) => attempt.status)).toEqual([500, 429, 408, 204]);
    expect(new Set(sink.attempts.map((attempt) => attempt.request.headers['webhook-id']))).toEqual(
      new Set([event.id]),
    );
    // Each attempt is signed afresh: timestamps may move on, the id and the body do not.
    expect(new Set(sink.attempts.map((attempt) => attempt.request.raw)).size).toBe(1);
    expect(sink.received).toHaveLength(1);
  });

  test('a batch of five events, every second request refused: each failure after progress waits 1–2 s, not ever longer', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed } = notifyFixture('hookflaky', onTestFinished);
    const sink = teardown.add(await startWebhookSink());
    sink.script(Array.from({ length: 4 }, () => ['accept' as const, { status: 500, body: 'oops' }]).flat());
    const config = notifyConfig(
      redis,
      `channels:\n  hook: { type: webhook, url: "${sink.webhookUrl}", secret: "${sink.secret}", groupWait: 1s }`,
    );
    const { logger, lines } = capturedLogger();
    const pipeline = await startPipeline(teardown, config, logger);
    const events = taggedEvents('flaky', 5);
    const started = Date.now();
    for (const event of events) await feed.add(event);

    await sink.waitFor(5, 40_000);
    const took = Date.now() - started;
    await settled(
      redis,
      pipeline.deliverQueue,
      'hook',
      events.map((event) => event.id),
    );
    console.info('5 events in one batch, 4 refused after progress → delivered after %d ms', took);
    const retries = lines.filter((line) => line.msg === 'delivery failed; will retry');
    expect(retries.map((line) => [line.events, line.failuresInARow])).toEqual([
      [5, 1],
      [5, 1],
      [5, 1],
      [5, 1],
    ]);
    expect(sink.received.map((request) => request.headers['webhook-id'])).toEqual(events.map((e) => e.id));
    // Doubling on every attempt would wait at least 1 + 2 + 4 + 8 = 15 s; 1–2 s each is at most 8 s.
    expect(took).toBeLessThan(13_000);
  });

  test('400 is permanent: the event is given up after one attempt, the next one still goes', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed } = notifyFixture('hook400', onTestFinished);
    const sink = teardown.add(await startWebhookSink());
    sink.script([{ status: 400, body: 'bad event' }]);
    const config = notifyConfig(
      redis,
      `channels:\n  hook: { type: webhook, url: "${sink.webhookUrl}", secret: "${sink.secret}", groupWait: 0, maxJobsPerMessage: 1 }`,
    );
    const { logger: pipelineLogger, lines } = capturedLogger();
    const pipeline = await startPipeline(teardown, config, pipelineLogger);
    const [first, second] = taggedEvents('perm', 2);
    if (first === undefined || second === undefined) throw new Error('no events');
    await feed.add(first);
    await until(async () => (await deliveredIds(redis, 'hook')).includes(first.id), 'first given up');
    await feed.add(second);
    await settled(redis, pipeline.deliverQueue, 'hook', [second.id]);
    await until(() => idle(pipeline.deliverQueue), 'idle');
    expect(sink.attempts.map((attempt) => attempt.status)).toEqual([400, 204]);
    expect(sink.received.map((request) => request.headers['webhook-id'])).toEqual([second.id]);
    expect(
      lines.filter((line) => line.msg === 'delivery failed permanently; gave up on this batch'),
    ).toHaveLength(1);
  });

  test('a receiver down for longer than retryFor: the event is given up, once, with one error line', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed } = notifyFixture('hookdown', onTestFinished);
    const sink = teardown.add(await startWebhookSink());
    sink.script(Array.from({ length: 50 }, () => ({ status: 503, body: 'down' })));
    const config = notifyConfig(
      redis,
      `channels:\n  hook: { type: webhook, url: "${sink.webhookUrl}", secret: "${sink.secret}", groupWait: 0, retryFor: 2s }`,
    );
    const { logger: pipelineLogger, lines } = capturedLogger();
    const pipeline = await startPipeline(teardown, config, pipelineLogger);
    const [event] = taggedEvents('down', 1);
    if (event === undefined) throw new Error('no event');
    const started = Date.now();
    await feed.add(event);
    await settled(redis, pipeline.deliverQueue, 'hook', [event.id], 30_000);
    const gaveUp = lines.filter((line) => line.msg === 'delivery failed permanently; gave up on this batch');
    console.info(
      'webhook down: given up after %d ms, %d attempts',
      Date.now() - started,
      sink.attempts.length,
    );
    expect(gaveUp).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(sink.attempts.length).toBeGreaterThan(1);
    expect(new Set(sink.attempts.map((attempt) => attempt.request.headers['webhook-id']))).toEqual(
      new Set([event.id]),
    );
    expect(sink.received).toHaveLength(0);
  });

  test('validate: https (http only to loopback), a whsec_ secret', ({ expect }) => {
    const issues = (input: object) =>
      webhookChannelSchema
        .safeParse({ type: 'webhook', ...input })
        .error?.issues.map((issue) => issue.message) ?? [];
    expect(issues({ url: 'http://example.com/hook' })[0]).toMatch(/https/);
    expect(issues({ url: 'https://example.com/hook', secret: 'hunter2' })[0]).toMatch(/whsec_/);
    expect(
      issues({ url: 'http://127.0.0.1:9/hook', secret: `whsec_${Buffer.alloc(32).toString('base64')}` }),
    ).toEqual([]);
  });
});
