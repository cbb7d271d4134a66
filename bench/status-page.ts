/**
 * The status page under load: 1,000 live jobs and 10,000 changes in the last 24 h (10,000 jobs that
 * finished in it), over four watches. Times `GET /` end to end (Redis reads, rendering, the body over
 * loopback) when nothing changed since the page's last read (one round trip to check) and when a
 * cycle landed in between (a full read), `/api/jobs`, and the parts: the status report, the change
 * log read, the render alone.
 * Target: the page in at most 50 ms at p95.
 * Run: node --import tsx bench/status-page.ts [--quick] [--live 1000] [--changes 10000] [--requests 200]
 *      [--private-redis]
 */
import { get } from 'node:http';
import { parseArgs } from 'node:util';
import { createLogger } from '../src/core/logger.js';
import type { JobEvent, JobKind, WatchRef } from '../src/core/types.js';
import type { Watch } from '../src/core/watch.js';
import { createMetrics, startHttpServer } from '../src/server/index.js';
import { statusPage } from '../src/server/page/status-page.js';
import type { SnapEntry } from '../src/store/index.js';
import { SnapshotStore } from '../src/store/index.js';
import { statusReport } from '../src/watch/status-report.js';
import { benchRedis, int, machineHeader, ms, percentile, table } from './support.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    live: { type: 'string' },
    changes: { type: 'string' },
    requests: { type: 'string' },
    'private-redis': { type: 'boolean', default: false },
  },
});
const LIVE = Number(values.live ?? 1000);
const CHANGES = Number(values.changes ?? 10_000);
const REQUESTS = Number(values.requests ?? (values.quick ? 50 : 200));
const WARMUP = 20;
const TARGET_MS = 50;
const DAY = 86_400_000;
const KINDS: JobKind[] = ['fine_tune', 'model_import', 'compression', 'checkpoint'];

const redis = await benchRedis('status-page', values['private-redis']);
const store = new SnapshotStore(redis.client, redis.prefix);
const watches: Watch[] = KINDS.map((kind) => ({
  id: `prod.${kind}`,
  account: 'prod',
  kind,
  intervalMs: 60_000,
  timeZone: 'UTC',
  connection: { apiKey: 'sk-unused' },
}));

/** Live jobs, and jobs that finished in the last day, each finish logged as a change. */
async function seed(now: number): Promise<void> {
  for (const [w, watch] of watches.entries()) {
    const ref: WatchRef = { id: watch.id, account: watch.account, kind: watch.kind };
    const upserts = new Map<string, SnapEntry>();
    const events: JobEvent[] = [];
    for (let i = w; i < LIVE; i += watches.length) {
      const since = new Date(now - ((i * 7919) % DAY)).toISOString();
      const status = i % 3 === 0 ? 'QUEUING' : 'RUNNING';
      upserts.set(`live-${i}`, {
        status,
        rawStatus: status,
        since,
        lastChange: since,
        name: `live job ${i}`,
        model: 'qwen3-8b',
      });
    }
    for (let i = w; i < CHANGES; i += watches.length) {
      const at = new Date(now - 60_000 - ((i * 104_729) % (DAY - 120_000))).toISOString();
      const status = i % 10 === 0 ? 'FAILED' : 'SUCCEEDED';
      upserts.set(`done-${i}`, {
        status,
        rawStatus: status,
        since: at,
        lastChange: at,
        name: `finished job ${i}`,
      });
      events.push({
        id: `ev-${i}`,
        type: 'transition',
        from: 'RUNNING',
        to: status,
        job: {
          kind: watch.kind,
          account: 'prod',
          id: `done-${i}`,
          status,
          rawStatus: status,
          name: `finished job ${i}`,
        },
        detectedAt: at,
      });
    }
    const token = await store.beginFetch(watch.id);
    await store.commit(watch.id, {
      watch: ref,
      baseVersion: 0,
      token,
      upserts,
      deletes: [],
      events,
      now: new Date(now),
    });
    for (
      let read = await store.readOutbox(watch.id, 500);
      read.length > 0;
      read = await store.readOutbox(watch.id, 500)
    ) {
      await store.ackOutbox(watch.id, read);
    }
  }
}

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        response.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${response.statusCode}`)),
      );
    }).on('error', reject);
  });
}

/** A cycle of a watch landing with nothing new: the page reads that watch afresh. */
async function cycleLands(watch: Watch): Promise<void> {
  const { token, view } = await store.beginCycle(watch.id);
  const ref: WatchRef = { id: watch.id, account: watch.account, kind: watch.kind };
  await store.commit(watch.id, {
    watch: ref,
    baseVersion: view.version,
    token,
    upserts: new Map(),
    deletes: [],
    events: [],
  });
}

let extra = 0;
/** Every watch cycles and a change is logged: the page reads everything afresh. */
async function everythingChanges(): Promise<void> {
  for (const watch of watches) await cycleLands(watch);
  const job = {
    kind: 'fine_tune' as const,
    account: 'prod',
    id: `extra-${extra}`,
    status: 'RUNNING' as const,
    rawStatus: 'RUNNING',
  };
  const event: JobEvent = {
    id: `extra-${extra++}`,
    type: 'created',
    to: 'RUNNING',
    job,
    detectedAt: new Date().toISOString(),
  };
  await store.changes.record([event]);
}

async function timed(
  label: string,
  run: () => Promise<unknown>,
  before?: () => Promise<void>,
): Promise<(string | number)[]> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    await before?.();
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const p95 = percentile(samples, 95);
  const verdict =
    label.startsWith('GET /') && !label.startsWith('GET /api')
      ? p95 <= TARGET_MS
        ? ' (target ≤ 50 ms: met)'
        : ' (target ≤ 50 ms: missed)'
      : '';
  return [
    label,
    ms(percentile(samples, 50)),
    `${ms(p95)}${verdict}`,
    ms(percentile(samples, 99)),
    ms(samples.at(-1) ?? 0),
  ];
}

try {
  process.stdout.write(`${await machineHeader(redis.client, 'Status page')}\n`);
  const now = Date.now();
  await seed(now);
  const changes = await store.changes.since(now - DAY);
  const server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    metrics: createMetrics(),
    ready: async () => undefined,
    logger: createLogger({ level: 'silent' }),
    status: {
      timeZone: 'Asia/Shanghai',
      watchIds: () => watches.map((watch) => watch.id),
      report: (at, ids) => statusReport(store, ids ? watches.filter((w) => ids.includes(w.id)) : watches, at),
      changes: (fromMs) => store.changes.since(fromMs),
      stamps: () => store.stamps(watches.map((watch) => watch.id)),
    },
  });
  try {
    const page = await fetchText(`${server.url}/`);
    const report = await statusReport(store, watches, new Date());
    process.stdout.write(
      `${int(LIVE)} live jobs and ${int(changes.length)} changes in the window (${int(CHANGES + LIVE)} tracked jobs, ${watches.length} watches); page ${int(page.length / 1024)} KB; ${REQUESTS} sequential requests after ${WARMUP} warm-up ones.\n\n`,
    );
    const rows = [
      await timed('GET /, nothing new since the last read', () => fetchText(`${server.url}/`)),
      await timed(
        'GET /, one watch cycled since',
        () => fetchText(`${server.url}/`),
        () => cycleLands(watches[0] as Watch),
      ),
      await timed('GET /, everything changed since', () => fetchText(`${server.url}/`), everythingChanges),
      await timed('GET /api/jobs', () => fetchText(`${server.url}/api/jobs`)),
      await timed('status report (Redis)', () => statusReport(store, watches, new Date())),
      await timed('change log, 24 h (Redis)', () => store.changes.since(Date.now() - DAY)),
      await timed('render only', async () =>
        statusPage({
          now: new Date(),
          windowMs: DAY,
          refreshMs: 10_000,
          timeZone: 'Asia/Shanghai',
          watches: report,
          changes,
        }),
      ),
    ];
    process.stdout.write(`${table(['what', 'p50', 'p95', 'p99', 'max'], rows)}\n`);
  } finally {
    await server.close();
  }
} finally {
  await redis.cleanup();
}
