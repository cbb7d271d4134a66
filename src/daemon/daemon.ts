import type { Config } from '../config/index.js';
import { watchesOf } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import { type NotifyPipeline, startNotifyPipeline } from '../delivery/index.js';
import { connectRedis } from '../redis/connect-once.js';
import { createMetrics, type Metrics, type RunningHttpServer, startHttpServer } from '../server/index.js';
import { type Engine, isFresh, startEngine, watchHealth } from '../watch/index.js';
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
  const notify = await startNotifyPipeline(config, logger, {
    onRouted: (event) => metrics.events.inc({ type: event.type }),
    onDelivered: (channel, events) => metrics.notifications.inc({ channel, result: 'delivered' }, events),
    onFailed: (channel, retryable) =>
      metrics.notifications.inc({ channel, result: retryable ? 'retry' : 'failed' }),
  });
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
      async ready() {
        if ((await engine.redis.ping()) !== 'PONG') return 'redis does not answer';
        const now = new Date();
        for (const watch of watches) {
          if (!isFresh(await watchHealth(engine.store, watch), now))
            return `watch ${watch.id} has no recent cycle`;
        }
        return undefined;
      },
      async beforeScrape() {
        for (const [name, queue] of Object.entries(queues)) {
          const counts = await queue.getJobCounts('wait', 'delayed', 'prioritized');
          metrics.queueDepth.set(
            { queue: name },
            Object.values(counts).reduce((a, b) => a + b, 0),
          );
        }
      },
    });
  let http: RunningHttpServer | undefined;
  try {
    http = config.server.port === 0 ? undefined : await startHttp();
  } catch (error) {
    await engine.stop();
    await notify.stop();
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
    },
  };
}
