import { Queue } from 'bullmq';
import { type Config, parseConfigText } from '../../src/config/index.js';
import { createLogger, type Logger } from '../../src/core/logger.js';
import type { DashwatchEvent, JobEvent } from '../../src/core/types.js';
import { type NotifyPipeline, startNotifyPipeline } from '../../src/delivery/pipeline.js';
import { NOTIFY_JOB_OPTIONS, NOTIFY_QUEUE } from '../../src/queue/names.js';
import { channelKeys, digestKeys } from '../../src/store/keys.js';
import { bulkEvents } from './notify-fixtures.js';
import { type TestRedis, testRedis } from './redis.js';

/** Closes what a test opened, last first, whatever happened. */
export class Teardown {
  private readonly steps: (() => Promise<unknown>)[] = [];
  add<T extends { close(): Promise<unknown> } | { stop(): Promise<unknown> }>(thing: T): T {
    this.steps.push(() => ('close' in thing ? thing.close() : thing.stop()));
    return thing;
  }
  defer(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step();
  }
}

/** A config for notification tests: one unused account (nothing polls it), no HTTP server, then `yaml`. */
export function notifyConfig(redis: TestRedis, yaml: string): Config {
  return parseConfigText(
    `
redis: { url: "${redis.url}", prefix: "${redis.prefix}" }
server: { port: 0 }
accounts:
  - { name: prod, apiKey: sk-unused, baseUrl: "http://127.0.0.1:9", kinds: [fine_tune] }
${yaml}`,
    {},
    'test',
  );
}

/** One pino JSON line. */
export interface LogLine {
  level: number;
  time: number;
  msg: string;
  [field: string]: unknown;
}

/** A logger whose parsed lines land in `lines`. */
export function capturedLogger(level = 'info'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger({
    level,
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

/** The notify queue, as the engine feeds it: the event id is the BullMQ job id. */
export class EventFeed {
  readonly queue: Queue;
  constructor(redis: TestRedis) {
    this.queue = new Queue(NOTIFY_QUEUE, { connection: redis.client, prefix: redis.prefix });
  }
  async add(...events: DashwatchEvent[]): Promise<void> {
    await this.queue.addBulk(
      events.map((event) => ({
        name: event.type,
        data: event,
        opts: { ...NOTIFY_JOB_OPTIONS, jobId: event.id },
      })),
    );
  }
  close(): Promise<void> {
    return this.queue.close();
  }
}

/** Starts a pipeline that `teardown` stops, unless the test stopped it first. */
export async function startPipeline(
  teardown: Teardown,
  config: Config,
  logger: Logger,
): Promise<NotifyPipeline> {
  const pipeline = await startNotifyPipeline(config, logger);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= pipeline.stop();
    return stopping;
  };
  teardown.defer(stop);
  return { ...pipeline, stop };
}

/** True when no job of `queue` is waiting, delayed or running. */
export async function idle(queue: Queue): Promise<boolean> {
  const counts = await queue.getJobCounts('active', 'wait', 'delayed', 'prioritized');
  return Object.values(counts).every((count) => count === 0);
}

/** Event ids marked delivered (or given up) for `channel`. */
export function deliveredIds(redis: TestRedis, channel: string): Promise<string[]> {
  return redis.client.zrange(channelKeys(redis.prefix, channel).done, 0, -1);
}

/**
 * Waits for the positive signal that a channel is done with `ids`: each is marked delivered and no
 * flush job waits, runs or retries; only then does a count of what arrived mean "exactly".
 */
export async function settled(
  redis: TestRedis,
  deliverQueue: Queue,
  channel: string,
  ids: readonly string[],
  timeout = 20_000,
): Promise<void> {
  await until(
    async () => {
      const done = new Set(await deliveredIds(redis, channel));
      return ids.every((id) => done.has(id)) && (await idle(deliverQueue));
    },
    `channel "${channel}" done with ${ids.length} events`,
    timeout,
  );
}

/**
 * Polls `check` until it holds or `timeoutMs` passes. Not `expect.poll`: it works in concurrent tests,
 * whose `expect` is per test.
 */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The raw Redis state of one digest (see digest-scripts.ts). */
export async function digestState(redis: TestRedis, digest: string) {
  const keys = digestKeys(redis.prefix, digest);
  const [buffered, sentUntil, window] = await Promise.all([
    redis.client.zcard(keys.buffer),
    redis.client.get(keys.sentUntil),
    redis.client.hgetall(keys.window),
  ]);
  return { buffered, sentUntil: sentUntil === null ? 0 : Number(sentUntil), window };
}

/** Every `ft-…` job id named in `text`, once each. */
export function jobIdsIn(text: string): string[] {
  return [...new Set(text.match(/ft-[a-z]+-\d{4}/g) ?? [])];
}

/** `count` succeeded fine-tunes whose job ids are `ft-<tag>-0000` …, events `evt-ft-<tag>-0000` … */
export function taggedEvents(tag: string, count: number): JobEvent[] {
  return bulkEvents(count).map((event, i) => {
    const id = `ft-${tag}-${String(i).padStart(4, '0')}`;
    return {
      ...event,
      id: `evt-${id}`,
      job: { ...event.job, id, name: `${tag} job ${i}`, output: `${id}-out` },
    };
  });
}

/** A test's own Redis prefix, event feed and teardown, all cleaned up when the test finishes. */
export function notifyFixture(label: string, onTestFinished: (fn: () => Promise<void>) => void) {
  const teardown = new Teardown();
  const redis = testRedis(label);
  onTestFinished(async () => {
    await teardown.run();
    await redis.cleanup();
  });
  const feed = teardown.add(new EventFeed(redis));
  return { teardown, redis, feed };
}
