import { describe, test } from 'vitest';
import type { Config } from '../../src/config/index.js';
import type { DashwatchEvent } from '../../src/core/types.js';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../../src/dev/sinks/index.js';
import { DigestBuffer } from '../../src/store/index.js';
import { digestKeys } from '../../src/store/keys.js';
import {
  capturedLogger,
  digestState,
  jobIdsIn,
  type LogLine,
  notifyConfig,
  notifyFixture,
  startPipeline,
  taggedEvents,
  until,
} from '../support/notify-harness.js';
import type { TestRedis } from '../support/redis.js';
import { testRedis } from '../support/redis.js';

/** A digest every second (6-field cron), fed by every event; no channel gets events directly. */
function digestConfig(
  redis: TestRedis,
  smtp: SmtpSink,
  digests = 'daily: { channel: mail, cron: "* * * * * *" }',
) {
  return notifyConfig(
    redis,
    `
channels:
  mail: { type: email, smtpUrl: "${smtp.url}", from: dw@example.com, to: [team@example.com], groupWait: 0 }
digests:
  ${digests}
`,
  );
}

async function setup(label: string, onTestFinished: (fn: () => Promise<void>) => void) {
  const { teardown, redis, feed } = notifyFixture(label, onTestFinished);
  const smtp = teardown.add(await startSmtpSink());
  return { teardown, redis, feed, smtp, config: digestConfig(redis, smtp) };
}

/** Nothing is left to send: the buffer is empty and no window is open. */
async function drained(redis: TestRedis, digest = 'daily'): Promise<boolean> {
  const state = await digestState(redis, digest);
  return state.buffered === 0 && state.window.owner === undefined;
}

/** A window that closed after `since`: later mails would have had their chance by then. */
async function windowClosedAfter(redis: TestRedis, since: number, digest = 'daily'): Promise<boolean> {
  return (await digestState(redis, digest)).sentUntil > since;
}

const sentLines = (lines: readonly LogLine[]) => lines.filter((line) => line.msg === 'digest sent');
const idsOf = (mail: ReceivedMail | undefined) => jobIdsIn(mail?.text ?? '').sort();

/** Puts events in the daily digest's buffer as the router would. */
async function bufferDirectly(redis: TestRedis, events: readonly DashwatchEvent[]): Promise<void> {
  const buffer = new DigestBuffer(redis.client, redis.prefix);
  for (const event of events) await buffer.add('daily', event);
}

describe.concurrent('digests', () => {
  test('SMTP 451 three times: the window arrives later, once, complete; later events go to the next one', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed, smtp, config } = await setup('dg451', onTestFinished);
    const { logger, lines } = capturedLogger();
    smtp.failNext(3, 451);
    const early = taggedEvents('early', 5);
    const late = taggedEvents('late', 3);
    // Buffered before the pipeline starts: a cron tick (every second) could otherwise open a window
    // between two early events as the router buffers them one by one.
    await bufferDirectly(redis, early);
    await startPipeline(teardown, config, logger);
    const started = Date.now();
    // Late events come once a window holding the early ones is open (and failing).
    await until(async () => {
      const state = await digestState(redis, 'daily');
      return state.window.owner !== undefined && state.buffered === early.length;
    }, 'a window over the early events');
    await feed.add(...late);

    const [first, second] = await smtp.waitFor(2, 30_000);
    console.info(
      'digest after 3 × 451: %d ms; next digest %d ms later',
      Date.parse(first?.receivedAt ?? '') - started,
      Date.parse(second?.receivedAt ?? '') - Date.parse(first?.receivedAt ?? ''),
    );
    expect(idsOf(first)).toEqual(early.map((event) => event.job.id).sort());
    expect(idsOf(second)).toEqual(late.map((event) => event.job.id).sort());
    await until(async () => await drained(redis), 'the digest buffer drained');
    const quietFrom = Date.now();
    await until(async () => windowClosedAfter(redis, quietFrom), 'one more (empty) window');
    expect(smtp.received).toHaveLength(2);
    expect(sentLines(lines).map((line) => line.events)).toEqual([5, 3]);
  });

  test('SMTP 550: the window is given up with one error line, and the next digest is not held back', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed, smtp, config } = await setup('dg550', onTestFinished);
    const { logger, lines } = capturedLogger();
    smtp.failNext(1, 550);
    const refused = taggedEvents('refused', 2);
    const next = taggedEvents('next', 2);
    // Buffered before the pipeline starts, so one window holds both (see the 451 test).
    await bufferDirectly(redis, refused);
    await startPipeline(teardown, config, logger);
    await until(async () => lines.some((line) => line.level >= 50), 'the refusal logged');
    await feed.add(...next);

    const [mail] = await smtp.waitFor(1, 10_000);
    expect(idsOf(mail)).toEqual(next.map((event) => event.job.id).sort());
    await until(async () => await drained(redis), 'the digest buffer drained');
    const quietFrom = Date.now();
    await until(async () => windowClosedAfter(redis, quietFrom), 'one more (empty) window');
    expect(smtp.received).toHaveLength(1);
    const errors = lines.filter((line) => line.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'digest failed permanently; gave up on this window', events: 2 });
  });

  test('an empty window sends nothing; with sendEmpty: true it sends', async ({ expect, onTestFinished }) => {
    const { teardown, redis, smtp } = await setup('dgempty', onTestFinished);
    const config: Config = digestConfig(
      redis,
      smtp,
      `quiet: { channel: mail, cron: "* * * * * *" }
  loud: { channel: mail, cron: "* * * * * *", sendEmpty: true }`,
    );
    await startPipeline(teardown, config, capturedLogger().logger);
    const started = Date.now();
    // Two windows of each digest closed after the start.
    await until(async () => windowClosedAfter(redis, started + 1000, 'quiet'), 'two quiet windows');
    await until(async () => windowClosedAfter(redis, started + 1000, 'loud'), 'two loud windows');
    const subjects = smtp.received.map((mail) => mail.subject);
    console.info('empty windows: %j', subjects);
    expect(subjects.filter((subject) => subject.includes('quiet'))).toEqual([]);
    expect(
      subjects.filter((subject) => subject.includes('loud digest: no job activity')).length,
    ).toBeGreaterThanOrEqual(2);
  });

  test('sendEmpty after an outage: one catch-up digest, not one empty digest per tick missed', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, feed, smtp } = await setup('dgburst', onTestFinished);
    const config = digestConfig(
      redis,
      smtp,
      'daily: { channel: mail, cron: "* * * * * *", sendEmpty: true }',
    );
    smtp.failNext(3, 451);
    await startPipeline(teardown, config, capturedLogger().logger);
    const events = taggedEvents('outage', 3);
    await feed.add(...events);
    const heldUp = (mail: ReceivedMail) => mail.text.includes(events[0]?.job.id ?? '?');
    await until(async () => smtp.received.some(heldUp), 'the window held up by the outage', 30_000);
    const recovered = Date.parse(smtp.received.find(heldUp)?.receivedAt ?? '');
    // Three ticks after the recovery.
    await until(async () => windowClosedAfter(redis, recovered + 3000), 'three more windows', 10_000);
    const after = smtp.received.filter((mail) => Date.parse(mail.receivedAt) > recovered);
    const last = Math.max(...after.map((mail) => Date.parse(mail.receivedAt)));
    const ticks = Math.floor(last / 1000) - Math.floor(recovered / 1000);
    console.info('after an outage: %d digests in the %d ticks that followed', after.length, ticks);
    // One per tick, plus the one catch-up for everything missed (and one of slack for timing).
    expect(after.length).toBeLessThanOrEqual(ticks + 2);
  });

  test('two processes on one cron send each window once', async ({ expect, onTestFinished }) => {
    const { teardown, redis, feed, smtp, config } = await setup('dgtwo', onTestFinished);
    const logs = [capturedLogger(), capturedLogger()];
    // Failures put windows up for retry, so that either process may pick them up.
    smtp.failNext(2, 451);
    const [pipeline] = await Promise.all(logs.map(({ logger }) => startPipeline(teardown, config, logger)));
    // Both reconciled the one scheduler.
    expect((await pipeline?.digestQueue.getJobSchedulers())?.map((s) => s.key)).toEqual(['digest:daily']);
    const events = taggedEvents('two', 20);
    // Over about three windows, so that events land in several of them.
    for (const event of events) {
      await feed.add(event);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const ids = events.map((event) => event.job.id);
    await until(
      async () => ids.every((id) => smtp.received.some((mail) => mail.text.includes(id))),
      'all 20 jobs mailed',
    );
    await until(async () => await drained(redis), 'the digest buffer drained');
    const quietFrom = Date.now();
    await until(async () => windowClosedAfter(redis, quietFrom), 'one more (empty) window');

    const sent = logs.map(({ lines }) => sentLines(lines));
    console.info(
      'two processes: %d mails; windows sent per process %j; events per window %j',
      smtp.received.length,
      sent.map((lines) => lines.length),
      sent.flat().map((line) => line.events),
    );
    expect(smtp.received.length).toBe(sent.flat().length);
    expect(sent.flat().reduce((sum, line) => sum + Number(line.events), 0)).toBe(20);
    const mailed = smtp.received.flatMap(idsOf);
    expect(mailed.sort()).toEqual([...ids].sort());
  });

  test('a window failing when its process stops is sent once by the next process', async ({
    expect,
    onTestFinished,
  }) => {
    const { teardown, redis, smtp, config } = await setup('dgrestart', onTestFinished);
    smtp.failNext(3, 451);
    const events = taggedEvents('restart', 4);
    // Buffered before the pipeline starts, so one window holds them all (see the 451 test).
    await bufferDirectly(redis, events);
    const first = await startPipeline(teardown, config, capturedLogger().logger);
    // Mid-retry: the window's job has failed at least once and waits for its next attempt.
    let owner = '';
    await until(async () => {
      owner = (await digestState(redis, 'daily')).window.owner ?? '';
      const job = owner === '' ? undefined : await first.digestQueue.getJob(owner);
      return job !== undefined && job.attemptsMade >= 1 && (await job.isDelayed());
    }, 'a window mid-retry');
    await first.stop();
    await startPipeline(teardown, config, capturedLogger().logger);

    const [mail] = await smtp.waitFor(1, 30_000);
    expect(idsOf(mail)).toEqual(events.map((event) => event.job.id).sort());
    await until(async () => await drained(redis), 'the digest buffer drained');
    const quietFrom = Date.now();
    await until(async () => windowClosedAfter(redis, quietFrom), 'one more (empty) window');
    console.info('restart mid-retry: window %s sent %d time(s)', owner, smtp.received.length);
    expect(smtp.received).toHaveLength(1);
  });
});

describe('the digest window in Redis', () => {
  test('an event buffered while a window is open goes to the next window, even in the same millisecond', async ({
    expect,
    onTestFinished,
  }) => {
    const redis = testRedis('dgms');
    onTestFinished(() => redis.cleanup());
    const buffer = new DigestBuffer(redis.client, redis.prefix);
    // Open, buffer, close as fast as Redis answers: many events land in the millisecond the window
    // opened (its end), after its events were read; they must go to a later window, not be dropped.
    const events = taggedEvents('ms', 200);
    const sent: string[] = [];
    for (const [i, event] of events.entries()) {
      const window = await buffer.open('daily', `job-${i}`);
      sent.push(...(window?.events ?? []).map((e) => e.id));
      await buffer.add('daily', event);
      await buffer.close('daily', `job-${i}`);
    }
    // Sent in a window, or still waiting for the next: never both, never neither.
    const waiting = await redis.client.zrange(digestKeys(redis.prefix, 'daily').buffer, 0, -1);
    console.info(
      'same-millisecond race: %d events sent in a window, %d still waiting',
      sent.length,
      waiting.length,
    );
    expect([...sent, ...waiting].sort()).toEqual(events.map((event) => event.id).sort());
  });

  test('two processes opening one window at once: one gets it, the other is told it is busy', async ({
    expect,
    onTestFinished,
  }) => {
    const redis = testRedis('dgrace');
    const other = redis.client.duplicate();
    onTestFinished(async () => {
      await other.quit();
      await redis.cleanup();
    });
    const buffers = [new DigestBuffer(redis.client, redis.prefix), new DigestBuffer(other, redis.prefix)];
    const events = taggedEvents('race', 50);
    const sent: string[] = [];
    for (const [i, event] of events.entries()) {
      await buffers[i % 2]?.add('daily', event);
      const owners = [`a-${i}`, `b-${i}`];
      const windows = await Promise.all(buffers.map((buffer, j) => buffer.open('daily', owners[j] ?? '')));
      const winners = windows.flatMap((window, j) => (window === null ? [] : [j]));
      expect(winners).toHaveLength(1);
      const winner = winners[0] ?? 0;
      sent.push(...(windows[winner]?.events ?? []).map((e) => e.id));
      await buffers[winner]?.close('daily', owners[winner] ?? '');
    }
    expect(sent).toEqual(events.map((event) => event.id));
  });

  test('the first window starts at its first event, not at the epoch', async ({ expect, onTestFinished }) => {
    const redis = testRedis('dgfirst');
    onTestFinished(() => redis.cleanup());
    const buffer = new DigestBuffer(redis.client, redis.prefix);
    const before = Date.now();
    const empty = await buffer.open('daily', 'first');
    expect(empty?.start).toBeGreaterThanOrEqual(before - 1000);
    await buffer.close('daily', 'first');

    const fresh = new DigestBuffer(redis.client, redis.prefix);
    const [event] = taggedEvents('first', 1);
    if (event === undefined) throw new Error('no event');
    await fresh.add('weekly', event);
    const window = await fresh.open('weekly', 'first');
    expect(window?.start).toBeGreaterThanOrEqual(before - 1000);
    expect(window?.start).toBeLessThanOrEqual(window?.end ?? 0);
    expect(window?.events).toHaveLength(1);
  });
});
