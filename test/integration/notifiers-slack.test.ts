import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SlackSink, startSlackSink } from '../../src/dev/sinks/index.js';
import { type Channel, createChannel, NotifyError } from '../../src/notifiers/index.js';
import { slackChannelSchema } from '../../src/notifiers/slack/index.js';
import { bulkEvents, capturingLogger, EVIL_EVENT, FAILED_EVENT } from '../support/notify-fixtures.js';

let sink: SlackSink;
let notifier: Channel;
const { logger, lines } = capturingLogger();
const errors: unknown[] = [];

async function sendExpectingError(): Promise<NotifyError> {
  const error = await notifier.send([FAILED_EVENT], AbortSignal.timeout(5000)).then(
    () => undefined,
    (e: unknown) => e,
  );
  errors.push(error);
  expect(error).toBeInstanceOf(NotifyError);
  return error as NotifyError;
}

beforeAll(async () => {
  sink = await startSlackSink();
  const config = slackChannelSchema.parse({
    type: 'slack',
    webhookUrl: sink.url,
    minInterval: 0,
    maxJobsPerMessage: 10,
  });
  notifier = createChannel('alerts', config, { logger });
});

afterAll(async () => {
  await sink.close();
});

beforeEach(() => {
  sink.received.length = 0;
});

describe('Slack notifier against the Slack sink', () => {
  it('delivers a batch on 200', async () => {
    await notifier.send([FAILED_EVENT], AbortSignal.timeout(5000));
    expect(sink.received).toHaveLength(1);
    const body = sink.received[0]?.body as { text: string; blocks: unknown[] };
    expect(body.text).toContain('FAILED');
    expect(JSON.stringify(body.blocks)).toContain('ft-202410291653-a1b2');
  });

  it('posts a split batch as several messages naming every job', async () => {
    const events = bulkEvents(25);
    await notifier.send(events, AbortSignal.timeout(5000));
    expect(sink.received).toHaveLength(3);
    const all = JSON.stringify(sink.received);
    for (const event of events) expect(all).toContain(event.job.id);
  });

  it('429 with Retry-After: 2 → retryable, retryAfterMs 2000', async () => {
    sink.script([{ status: 429, body: 'rate_limited', headers: { 'Retry-After': '2' } }]);
    const error = await sendExpectingError();
    expect(error).toMatchObject({
      retryable: true,
      retryAfterMs: 2000,
      httpStatus: 429,
      code: 'rate_limited',
    });
    expect(sink.received).toHaveLength(0);
  });

  it('500 → retryable', async () => {
    sink.script([{ status: 500, body: 'internal_error' }]);
    expect(await sendExpectingError()).toMatchObject({ retryable: true, httpStatus: 500 });
  });

  it('404 no_service → permanent', async () => {
    sink.script([{ status: 404, body: 'no_service' }]);
    expect(await sendExpectingError()).toMatchObject({
      retryable: false,
      httpStatus: 404,
      code: 'no_service',
    });
  });

  it('a retried split batch does not repeat the parts already delivered', async () => {
    const events = bulkEvents(25);
    let sent = 0;
    const progress = () => ({
      alreadySent: sent,
      beforeMessage: async () => {},
      messageSent: async () => {
        sent += 1;
      },
    });
    sink.script([{ status: 200 }, { status: 503, body: 'service_unavailable' }]);
    const error = await notifier.send(events, AbortSignal.timeout(5000), progress()).catch((e: unknown) => e);
    errors.push(error);
    expect(error).toMatchObject({ retryable: true });
    expect(sink.received).toHaveLength(1);
    expect(sent).toBe(1);
    await notifier.send(events, AbortSignal.timeout(5000), progress());
    // Two of the three parts were still owed; the first is not posted again.
    expect(sink.received).toHaveLength(3);
    expect(sent).toBe(3);
  });

  it('network failure → retryable, and the URL stays out of the error', async () => {
    const closed = await startSlackSink();
    await closed.close();
    const config = slackChannelSchema.parse({ type: 'slack', webhookUrl: closed.url, minInterval: 0 });
    const offline = createChannel('offline', config, { logger });
    const error = await offline.send([FAILED_EVENT], AbortSignal.timeout(5000)).catch((e: unknown) => e);
    errors.push(error);
    expect(error).toMatchObject({ retryable: true, code: 'ECONNREFUSED' });
    const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
    expect(text).not.toContain(new URL(closed.url).pathname);
  });

  it('an aborted send → retryable, code aborted', async () => {
    const error = await notifier.send([FAILED_EVENT], AbortSignal.abort()).catch((e: unknown) => e);
    errors.push(error);
    expect(error).toMatchObject({ retryable: true, code: 'aborted' });
  });

  it('an injected job name reaches Slack inert', async () => {
    await notifier.send([EVIL_EVENT], AbortSignal.timeout(5000));
    expect(JSON.stringify(sink.received[0]?.body)).not.toMatch(/[<>]/);
  });

  it('never puts the webhook URL in an error or a log line', () => {
    const token = new URL(sink.url).pathname.split('/').at(-1) ?? '';
    expect(errors.length).toBeGreaterThan(3);
    expect(lines.length).toBeGreaterThan(0);
    for (const error of errors) {
      const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
      expect(text).not.toContain(token);
      expect(text).not.toContain(sink.url);
    }
    expect(lines.join('\n')).not.toContain(token);
  });
});
