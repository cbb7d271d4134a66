import type { Queue, Worker } from 'bullmq';
import { LogThrottle } from '../core/log-throttle.js';
import type { Logger } from '../core/logger.js';
import { refusal } from '../redis/monitor.js';

export interface WorkerGuardOptions {
  /** The worker's name in log lines (`poll`, `flush`, …). */
  name: string;
  logger: Logger;
  /** True once Redis answers and takes writes again (see RedisMonitor). */
  healthy(): boolean;
}

const MAX_PAUSE_MS = 30_000;
const CHECK_MS = 250;

/**
 * Watches a worker's errors. Each cause is logged at most once per 30 s (with a count of repeats),
 * and when Redis refuses writes (full, read-only, unauthenticated) the worker is paused, with a
 * backoff up to 30 s, until Redis is healthy again: BullMQ would otherwise retry at once, forever,
 * writing a hundred thousand error lines a minute.
 */
export function guardWorker(worker: Worker, options: WorkerGuardOptions): void {
  const throttle = new LogThrottle();
  let pausing = false;
  worker.on('error', (error) => {
    const refused = refusal(error);
    throttle.log(
      options.logger,
      'error',
      causeOf(error),
      { worker: options.name, err: error },
      `${options.name} worker error`,
    );
    if (refused === undefined || pausing) return;
    pausing = true;
    void pauseUntilHealthy(worker, options).finally(() => {
      pausing = false;
    });
  });
}

async function pauseUntilHealthy(worker: Worker, options: WorkerGuardOptions): Promise<void> {
  await worker.pause(true);
  options.logger.warn({ worker: options.name }, 'redis refuses writes; worker paused until it recovers');
  // Resumes as soon as the monitor saw Redis recover; if it never saw the trouble, after a backoff.
  let sawTrouble = false;
  for (let waitMs = 1000; !worker.closing; waitMs = Math.min(MAX_PAUSE_MS, waitMs * 2)) {
    const until = Date.now() + waitMs;
    while (!worker.closing && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, CHECK_MS).unref());
      if (!options.healthy()) sawTrouble = true;
      else if (sawTrouble) break;
    }
    if (options.healthy()) break;
  }
  if (worker.closing) return;
  worker.resume();
  options.logger.info({ worker: options.name }, 'worker resumed');
}

/**
 * Gives a queue an error listener that logs each cause at most once per 30 s. Without one, BullMQ
 * prints the error to stderr itself, ioredis command arguments (an AUTH password) included.
 */
export function guardQueue(queue: Queue, options: { name: string; logger: Logger }): void {
  const throttle = new LogThrottle();
  queue.on('error', (error) => {
    throttle.log(
      options.logger,
      'warn',
      causeOf(error),
      { queue: options.name, err: error },
      `${options.name} queue error`,
    );
  });
}

/** What makes two errors the same cause for throttling: the refusal, or the message without its ids. */
function causeOf(error: Error): string {
  return refusal(error) ?? error.message.replace(/[0-9a-f]{8,}|\d+/gi, '#').slice(0, 160);
}
