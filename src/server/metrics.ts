import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every metric dashwatch exports. Labels are names from the config (account, kind, channel), never
 * a key, a URL or text from the API.
 */
export function createMetrics() {
  const registry = new Registry();
  const metrics = {
    registry,
    cycles: new Counter({
      name: 'dashwatch_poll_cycles_total',
      help: 'Poll cycles by account, kind and result (committed, stale, failed).',
      labelNames: ['account', 'kind', 'result'] as const,
      registers: [registry],
    }),
    requests: new Counter({
      name: 'dashwatch_api_requests_total',
      help: 'DashScope HTTP requests (retries included) by account, kind and cycle result.',
      labelNames: ['account', 'kind', 'result'] as const,
      registers: [registry],
    }),
    cycleDuration: new Histogram({
      name: 'dashwatch_poll_cycle_duration_seconds',
      // By kind only: per account, 13 series per watch made /metrics 1.6 MB for 1,000 watches.
      help: 'Duration of poll cycles, by job kind.',
      labelNames: ['kind'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    events: new Counter({
      name: 'dashwatch_events_total',
      help: 'Events routed, by type.',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
    notifications: new Counter({
      name: 'dashwatch_notifications_total',
      help: 'Delivery attempts by channel and result (delivered, retry, failed).',
      labelNames: ['channel', 'result'] as const,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'dashwatch_queue_jobs',
      help: 'Jobs waiting or delayed in each queue.',
      labelNames: ['queue'] as const,
      registers: [registry],
    }),
    watchHealthy: new Gauge({
      name: 'dashwatch_watch_healthy',
      help: '1 when the watch’s last cycle succeeded, 0 when it failed.',
      labelNames: ['account', 'kind'] as const,
      registers: [registry],
    }),
    lastCycle: new Gauge({
      name: 'dashwatch_watch_last_success_timestamp_seconds',
      help: 'When each watch last completed a cycle.',
      labelNames: ['account', 'kind'] as const,
      registers: [registry],
    }),
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;
