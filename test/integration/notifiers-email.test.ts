import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../../src/dev/sinks/index.js';
import { emailChannelSchema } from '../../src/notifiers/email/index.js';
import { type Channel, createChannel, NotifyError } from '../../src/notifiers/index.js';
import {
  bulkEvents,
  capturingLogger,
  EVIL_EVENT,
  FAILED_EVENT,
  FAILED_JOB,
} from '../support/notify-fixtures.js';

let sink: SmtpSink;
let notifier: Channel;
let password: string;
const { logger, lines } = capturingLogger();
const errors: unknown[] = [];

const channel = (smtpUrl: string) =>
  emailChannelSchema.parse({
    type: 'email',
    smtpUrl,
    from: 'dashwatch@example.com',
    to: ['ml-team@example.com'],
  });

async function sendExpectingError(target: Channel = notifier): Promise<NotifyError> {
  const error = await target.send([FAILED_EVENT], AbortSignal.timeout(15_000)).catch((e: unknown) => e);
  errors.push(error);
  expect(error).toBeInstanceOf(NotifyError);
  return error as NotifyError;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  password = new URL(sink.url).password;
  notifier = createChannel('mail', channel(sink.url), { logger });
});

afterAll(async () => {
  await notifier.close();
  await sink.close();
});

beforeEach(() => {
  sink.received.length = 0;
});

describe('email notifier against the SMTP sink', () => {
  it('delivers one mail per batch with a plain-text and an HTML part', async () => {
    await notifier.send([FAILED_EVENT], AbortSignal.timeout(15_000));
    const [mail] = await sink.waitFor(1, 5000);
    expect(mail?.subject).toBe('[dashwatch] FAILED fine-tune support-bot-v2 (ft-202410291653-a1b2)');
    expect(mail?.to).toEqual(['ml-team@example.com']);
    expect(mail?.text).toContain('Error: InvalidParameter');
    expect(mail?.html).toContain('<code>ft-202410291653-a1b2</code>');
    expect(mail?.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail?.raw).toMatch(/Content-Type: text\/html/i);
  });

  it('summarises a batch in the subject', async () => {
    await notifier.send(bulkEvents(12), AbortSignal.timeout(15_000));
    const [mail] = await sink.waitFor(1, 5000);
    expect(mail?.subject).toBe('[dashwatch] 12 job updates');
    expect(mail?.text).toContain('ft-bulk-0011');
  });

  it('an injected job name and error stay inert in headers and HTML', async () => {
    await notifier.send([EVIL_EVENT], AbortSignal.timeout(15_000));
    const [mail] = await sink.waitFor(1, 5000);
    expect(mail?.html).not.toContain('<script>');
    const headers = mail?.raw.split('\r\n\r\n')[0] ?? '';
    expect(headers).toContain('Subject:');
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(headers).not.toMatch(/^X-Injected:/im);
    expect(mail?.subject).not.toMatch(/[\r\n]/);
  });

  it('451 → retryable', async () => {
    sink.failNext(1, 451);
    expect(await sendExpectingError()).toMatchObject({ retryable: true, channel: 'mail' });
    expect(sink.received).toHaveLength(0);
  });

  it('550 → permanent', async () => {
    sink.failNext(1, 550);
    expect(await sendExpectingError()).toMatchObject({ retryable: false });
  });

  it('connection refused → retryable', async () => {
    const gone = await startSmtpSink();
    await gone.close();
    const offline = createChannel('offline', channel(gone.url), { logger });
    try {
      expect(await sendExpectingError(offline)).toMatchObject({ retryable: true });
    } finally {
      await offline.close();
    }
  });

  it('sends a digest through the same transport', async () => {
    await notifier.sendDigest(
      {
        name: 'daily',
        windowStart: '2024-10-29T01:00:00.000Z',
        windowEnd: '2024-10-30T01:00:00.000Z',
        timeZone: 'UTC',
        counts: [{ kind: 'fine_tune', status: 'FAILED', count: 1 }],
        finished: [],
        failures: [FAILED_JOB],
        live: [],
        watchProblems: [],
      },
      AbortSignal.timeout(15_000),
    );
    const [mail] = await sink.waitFor(1, 5000);
    expect(mail?.subject).toBe('[dashwatch] daily digest: 1 failed');
  });

  it('never puts the SMTP password in an error or a log line', () => {
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const error of errors) {
      const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`;
      expect(text).not.toContain(password);
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(password);
  });
});
