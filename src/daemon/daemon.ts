import { hostname } from 'node:os';
import type { Config } from '../config/index.js';
import { watchesOf } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import type { SystemEvent } from '../core/types.js';
import { type NotifyPipeline, startNotifyPipeline } from '../delivery/index.js';
import { connectRedis } from '../redis/connect-once.js';
import { closeRedis, createRedis, within } from '../redis/connection.js';
import { RedisMonitor } from '../redis/monitor.js';
import { createMetrics, type Metrics, type RunningHttpServer, startHttpServer } from '../server/index.js';
import { type Engine, startEngine } from '../watch/index.js';
import { systemEvent } from '../watch/system-events.js';
import { readiness } from './readiness.js';
import { cycleSettingsOf } from './settings.js';

/** Everything one dashwatch process runs. */
export interface Daemon {
  readonly engine: Engine;
  readonly notify: NotifyPipeline;
  readonly metrics: Metrics;
  /** The health and metrics server, unless `server.port` is 0. */
  readonly http?: RunningHttpServer;
  stop(timeoutMs?: number): Promise<void>;
}

/** Starts the daemon's parts for `config`; the CLI's `start` and `demo` both run this. */
export async function startDaemon(config: Config, logger: Logger): Promise<Daemon> {
  // Fail fast with one line (wrong password, nothing listening) instead of retrying forever.
  (await connectRedis(config.redis.url)).disconnect();
  const metrics = createMetrics();
  const watches = watchesOf(config);
  const { url, prefix } = config.redis;
  // Announced straight to the channels: with Redis failing, the queues cannot carry the news.
  let notifyNow: (event: SystemEvent) => void = () => {};
  const monitorRedis = createRedis(url, 'dashwatch-monitor');
  const monitor = new RedisMonitor({
    redis: monitorRedis,
    probeKey: `${prefix}:probe:${hostname()}:${process.pid}`,
    logger,
    persistMs: config.redis.failingAfter,
    onPersist: (problem, since) => notifyNow(systemEvent('store_failing', problem, since, prefix)),
    onRecover: (problem, since) =>
      notifyNow(systemEvent('store_recovered', `recovered from: ${problem}`, since, prefix)),
  });
  monitor.start();
  const healthy = () => monitor.problem === undefined;
  const notify = await startNotifyPipeline(
    config,
    logger,
    {
      onRouted: (event) => metrics.events.inc({ type: event.type }),
      onDelivered: (channel, events) => metrics.notifications.inc({ channel, result: 'delivered' }, events),
      onFailed: (channel, retryable) =>
        metrics.notifications.inc({ channel, result: retryable ? 'retry' : 'failed' }),
    },
    healthy,
  ).catch(async (error: unknown) => {
    monitor.stop();
    await closeRedis(monitorRedis);
    throw error;
  });
  notifyNow = (event) => void notify.notifyNow(event);
  // A part that fails to start must not leave the others holding the process open.
  let engine: Engine;
  try {
    engine = await startEngine({
      redisUrl: config.redis.url,
      prefix: config.redis.prefix,
      watches,
      settings: cycleSettingsOf(config),
      logger,
      concurrency: config.polling.concurrency,
      requestTimeoutMs: config.polling.requestTimeout,
      cycleTimeoutMs: config.polling.cycleTimeout,
      redisHealthy: healthy,
      ...(config.heartbeatUrl === undefined ? {} : { heartbeatUrl: config.heartbeatUrl }),
      onCycle: (watch, outcome, durationMs) => {
        const labels = { account: watch.account, kind: watch.kind };
        metrics.cycles.inc({ ...labels, result: outcome.result });
        metrics.requests.inc({ ...labels, result: outcome.result }, outcome.requests);
        metrics.cycleDuration.observe(labels, durationMs / 1000);
        metrics.watchHealthy.set(labels, outcome.result === 'failed' ? 0 : 1);
        if (outcome.result !== 'failed') metrics.lastCycle.set(labels, Date.now() / 1000);
      },
    });
  } catch (error) {
    await notify.stop();
    monitor.stop();
    await closeRedis(monitorRedis);
    throw error;
  }
  const queues = {
    poll: engine.pollQueue,
    notify: engine.notifyQueue,
    deliver: notify.deliverQueue,
    digest: notify.digestQueue,
  };
  const startHttp = () =>
    startHttpServer({
      host: config.server.host,
      port: config.server.port,
      metrics,
      logger,
      ready: readiness(monitor, engine.store, () => watches),
      async beforeScrape() {
        // From what the process knows when Redis is in trouble: the last depths stay as they were.
        if (!healthy()) return;
        await within(
          Promise.all(
            Object.entries(queues).map(async ([name, queue]) => {
              const counts = await queue.getJobCounts('wait', 'delayed', 'prioritized');
              metrics.queueDepth.set(
                { queue: name },
                Object.values(counts).reduce((a, b) => a + b, 0),
              );
            }),
          ),
          1000,
        );
      },
    });
  let http: RunningHttpServer | undefined;
  try {
    http = config.server.port === 0 ? undefined : await startHttp();
  } catch (error) {
    await Promise.all([engine.stop(), notify.stop()]);
    monitor.stop();
    await closeRedis(monitorRedis);
    throw error;
  }
  return {
    engine,
    notify,
    metrics,
    ...(http === undefined ? {} : { http }),
    async stop(timeoutMs = 7000) {
      await http?.close();
      // Side by side, each within the budget: a stop is over in seconds, whatever hangs.
      await Promise.all([engine.stop(timeoutMs), notify.stop(timeoutMs)]);
      monitor.stop();
      await closeRedis(monitorRedis);
    },
  };
}
