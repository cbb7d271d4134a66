import { hostname } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import type { Config } from '../config/index.js';
import { ServerAccessError, serverAccessProblem, watchesOf } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import type { SystemEvent } from '../core/types.js';
import { type NotifyPipeline, startNotifyPipeline } from '../delivery/index.js';
import { connectRedis } from '../redis/connect-once.js';
import { closeRedis, createRedis, within } from '../redis/connection.js';
import { RedisMonitor } from '../redis/monitor.js';
import { createMetrics, type Metrics, type RunningHttpServer, startHttpServer } from '../server/index.js';
import { CycleMemory, type Engine, type EngineUpdate, startEngine } from '../watch/index.js';
import { statusReport } from '../watch/status-report.js';
import { systemEvent } from '../watch/system-events.js';
import { logTailReader } from './log-tail-reader.js';
import { readiness } from './readiness.js';
import { cycleSettingsOf } from './settings.js';

/** Everything one dashwatch process runs. */
export interface Daemon {
  readonly engine: Engine;
  readonly notify: NotifyPipeline;
  readonly metrics: Metrics;
  /** The health and metrics server, unless `server.port` is 0. */
  readonly http: RunningHttpServer | undefined;
  /**
   * Applies a new configuration without a restart (SIGHUP): watches and channels added and removed,
   * new routes, digests and settings. A new Redis or server address restarts the parts in-process.
   */
  reload(config: Config): Promise<void>;
  stop(timeoutMs?: number): Promise<void>;
}

/** What survives a reload: metrics, and what the process remembers of its watches. */
interface Shared {
  logger: Logger;
  metrics: Metrics;
  memory: CycleMemory;
}

/** The running parts for one configuration. */
interface Parts {
  config: Config;
  monitor: RedisMonitor;
  monitorRedis: ReturnType<typeof createRedis>;
  notify: NotifyPipeline;
  engine: Engine;
  http: RunningHttpServer | undefined;
}

/** Starts the daemon's parts for `config`; the CLI's `start` and `demo` both run this. */
export async function startDaemon(config: Config, logger: Logger): Promise<Daemon> {
  refuseOpenServer(config);
  const shared: Shared = { logger, metrics: createMetrics(), memory: new CycleMemory() };
  let parts = await startParts(config, shared);
  return {
    get engine() {
      return parts.engine;
    },
    get notify() {
      return parts.notify;
    },
    metrics: shared.metrics,
    get http() {
      return parts.http;
    },
    async reload(next) {
      refuseOpenServer(next);
      const before = parts.config;
      if (!isDeepStrictEqual(before.redis, next.redis) || !isDeepStrictEqual(before.server, next.server)) {
        await stopParts(parts);
        try {
          parts = await startParts(next, shared);
        } catch (error) {
          // The new Redis or port is unusable: go back to what was running, and say why.
          parts = await startParts(before, shared);
          throw error;
        }
      } else {
        // New channels, routes and digests: the delivery half starts afresh (in-flight sends finish).
        await parts.notify.stop();
        parts.notify = await startPipeline(next, shared, parts.monitor);
        await parts.engine.update(engineUpdateOf(next));
        parts.config = next;
      }
      logger.info(
        {
          accounts: next.accounts.map((account) => account.name),
          watches: watchesOf(next).length,
          channels: Object.keys(next.channels),
        },
        'configuration reloaded',
      );
    },
    stop: (timeoutMs) => stopParts(parts, timeoutMs),
  };
}

/** A server off loopback without a token would show every job to the network: not started at all. */
function refuseOpenServer(config: Config): void {
  const problem = serverAccessProblem(config.server);
  if (problem !== undefined) throw new ServerAccessError(problem);
}

async function startParts(config: Config, shared: Shared): Promise<Parts> {
  const { logger, metrics } = shared;
  // Fail fast with one line (wrong password, nothing listening) instead of retrying forever.
  (await connectRedis(config.redis.target)).disconnect();
  const { target, prefix } = config.redis;
  const monitorRedis = createRedis(target, 'dashwatch-monitor');
  // Announced straight to the channels: with Redis failing, the queues cannot carry the news.
  let notifyNow: (event: SystemEvent) => void = () => {};
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
  const undo: (() => Promise<unknown>)[] = [
    async () => {
      monitor.stop();
      await closeRedis(monitorRedis);
    },
  ];
  // A part that fails to start must not leave the others holding the process open.
  try {
    const notify = await startPipeline(config, shared, monitor);
    undo.unshift(() => notify.stop());
    const engine = await startEngine({
      redisTarget: target,
      replicaWaitMs: config.redis.replicaWait,
      prefix,
      ...engineUpdateOf(config),
      logger,
      memory: shared.memory,
      redisHealthy: healthy,
      onCycle: (watch, outcome, durationMs) => {
        const labels = { account: watch.account, kind: watch.kind };
        metrics.cycles.inc({ ...labels, result: outcome.result });
        metrics.requests.inc({ ...labels, result: outcome.result }, outcome.requests);
        metrics.cycleDuration.observe({ kind: watch.kind }, durationMs / 1000);
        metrics.watchHealthy.set(labels, outcome.result === 'failed' ? 0 : 1);
        if (outcome.result !== 'failed') metrics.lastCycle.set(labels, Date.now() / 1000);
      },
    });
    undo.unshift(() => engine.stop());
    const parts: Parts = { config, monitor, monitorRedis, notify, engine, http: undefined };
    // Through `parts`, so a reload's new pipeline carries the news.
    notifyNow = (event) => void parts.notify.notifyNow(event);
    if (config.server.port !== 0) {
      parts.http = await startHttpServer({
        host: config.server.host,
        port: config.server.port,
        metrics,
        logger,
        ready: readiness(monitor, engine.store, () => parts.engine.watches()),
        beforeScrape: () => refreshQueueDepths(parts, metrics, healthy),
        status: {
          timeZone: config.timeZone,
          watchIds: () => parts.engine.watches().map((watch) => watch.id),
          report: (now, ids) => {
            const watches = parts.engine.watches();
            return statusReport(
              parts.engine.store,
              ids ? watches.filter((w) => ids.includes(w.id)) : watches,
              now,
            );
          },
          changes: (fromMs) => parts.engine.store.changes.since(fromMs),
          stamps: () => parts.engine.store.stamps(parts.engine.watches().map((watch) => watch.id)),
        },
        access: {
          metrics: config.server.metrics,
          ...(config.server.token === undefined ? {} : { token: config.server.token }),
        },
      });
    }
    return parts;
  } catch (error) {
    for (const step of undo) await step().catch(() => undefined);
    throw error;
  }
}

async function startPipeline(config: Config, shared: Shared, monitor: RedisMonitor): Promise<NotifyPipeline> {
  const { metrics } = shared;
  const logTails = logTailReader(config, shared.logger);
  const pipeline = await startNotifyPipeline(
    config,
    shared.logger,
    {
      onRouted: (event) => metrics.events.inc({ type: event.type }),
      onDelivered: (channel, events) => metrics.notifications.inc({ channel, result: 'delivered' }, events),
      onFailed: (channel, retryable) =>
        metrics.notifications.inc({ channel, result: retryable ? 'retry' : 'failed' }),
    },
    () => monitor.problem === undefined,
    { readLogTail: logTails.read },
  );
  return {
    ...pipeline,
    async stop(timeoutMs) {
      await pipeline.stop(timeoutMs);
      await logTails.close();
    },
  };
}

/** What the watch loop takes from the configuration (and takes again on a reload). */
function engineUpdateOf(config: Config): EngineUpdate {
  return {
    watches: watchesOf(config),
    settings: cycleSettingsOf(config),
    concurrency: config.polling.concurrency,
    requestTimeoutMs: config.polling.requestTimeout,
    cycleTimeoutMs: config.polling.cycleTimeout,
    ...(config.heartbeatUrl === undefined ? {} : { heartbeatUrl: config.heartbeatUrl }),
  };
}

/** Queue depths for `/metrics`; while Redis is in trouble the last depths stay as they were. */
async function refreshQueueDepths(parts: Parts, metrics: Metrics, healthy: () => boolean): Promise<void> {
  if (!healthy()) return;
  const queues = {
    poll: parts.engine.pollQueue,
    notify: parts.engine.notifyQueue,
    deliver: parts.notify.deliverQueue,
    digest: parts.notify.digestQueue,
  };
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
}

async function stopParts(parts: Parts, timeoutMs = 7000): Promise<void> {
  await parts.http?.close();
  // Side by side, each within the budget: a stop is over in seconds, whatever hangs.
  await Promise.all([parts.engine.stop(timeoutMs), parts.notify.stop(timeoutMs)]);
  parts.monitor.stop();
  await closeRedis(parts.monitorRedis);
}
