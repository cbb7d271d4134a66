/**
 * Scale: 100,000 tracked jobs across 50 watches. Diff + commit throughput, Redis round trips per page,
 * memory (peak, and over a compressed one-hour soak), and 1 process against 3 on one Redis.
 * Run: node --import tsx bench/scale.ts [--quick] [--watches 50] [--jobs 2000] [--soak-cycles 3600]
 *      [--seconds 20] [--private-redis]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createLogger } from '../src/core/logger.js';
import type { JobEvent, JobRecord } from '../src/core/types.js';
import { type Watch, watchId, watchRef } from '../src/core/watch.js';
import { createDashScopeClient, type DashScopeClient } from '../src/dashscope/index.js';
import { DEFAULT_POLLER_SETTINGS, type JobsApi, KINDS as KIND_DESCRIPTORS } from '../src/kinds/index.js';
import { NOTIFY_QUEUE } from '../src/queue/names.js';
import { DEFAULT_DIFF_SETTINGS, diff, SnapshotStore } from '../src/store/index.js';
import { jobsApiFromClient } from '../src/watch/client-jobs-api.js';
import { type CycleSettings, runCycle } from '../src/watch/poll-cycle.js';
import {
  benchRedis,
  countCommands,
  inParallel,
  int,
  machineHeader,
  mb,
  serverCalls,
  sleep,
  table,
} from './support.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    watches: { type: 'string' },
    jobs: { type: 'string' },
    'soak-cycles': { type: 'string' },
    seconds: { type: 'string' },
    'private-redis': { type: 'boolean', default: false },
  },
});
const WATCHES = Number(values.watches ?? 50);
const JOBS = Number(values.jobs ?? (values.quick ? 400 : 2000));
const SOAK_CYCLES = Number(values['soak-cycles'] ?? (values.quick ? 600 : 3600));
const WINDOW_S = Number(values.seconds ?? (values.quick ? 8 : 20));
const KINDS = ['fine_tune', 'model_import', 'compression'] as const;
const DONE = { fine_tune: 'SUCCEEDED', model_import: 'SUCCESSED', compression: 'SUCCEEDED' } as const;
const KEY = 'sk-bench-scale';
/** Cycles in flight at once in this process (the engine's default poll concurrency). */
const CONCURRENCY = 4;
const HOUR = 3_600_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const logger = createLogger({ level: 'silent' });
const out = (text = '') => process.stdout.write(`${text}\n`);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const rssNow = () => {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};
let peakRss = 0;
let phasePeak = 0;
let phaseHeap = 0;
const sampler = setInterval(() => {
  const { rss, heapTotal } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  phasePeak = Math.max(phasePeak, rss);
  phaseHeap = Math.max(phaseHeap, heapTotal);
}, 20);
/** Peak RSS per part of the run: the direct pass holds every record at once, which cycles never do. */
const phases: (string | number)[][] = [];
const endPhase = (label: string) => {
  phasePeak = Math.max(phasePeak, process.memoryUsage().rss);
  phases.push([label, mb(phasePeak), mb(phaseHeap), mb(rssNow().rss)]);
  phasePeak = 0;
  phaseHeap = 0;
};

const bench = await benchRedis('scale', values['private-redis']);
endPhase('start-up (modules loaded by tsx, Redis connected)');
out(await machineHeader(bench.client, 'dashwatch at scale'));
out(
  `${int(WATCHES * JOBS)} tracked jobs: ${WATCHES} watches (one account each, kinds in turn) × ${int(JOBS)} jobs, 1% live.`,
);
out(`Simulated accounts run in a child process, so this process's memory is dashwatch's alone.`);
out();

/** Spawns `node --import tsx <script>` in the repository root with stdin as its lifeline. */
function spawnTs(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', `bench/${script}`, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

function lines(child: ChildProcess, onLine: (line: string) => void): void {
  if (child.stdout !== null) createInterface({ input: child.stdout }).on('line', onLine);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin?.end();
  await exited;
}

interface Account {
  url: string;
  kind: (typeof KINDS)[number];
  live: string[];
}

const simHost = spawnTs('sim-host.ts', [String(WATCHES), String(JOBS), KINDS.join(','), KEY]);
const accounts = await new Promise<Account[]>((resolve, reject) => {
  simHost.once('exit', (code) => reject(new Error(`sim-host exited (${code})`)));
  lines(simHost, (line) => resolve((JSON.parse(line) as { accounts: Account[] }).accounts));
});
const watches: Watch[] = accounts.map((account, i) => {
  const name = `acct${String(i).padStart(2, '0')}`;
  return {
    id: watchId(name, account.kind),
    account: name,
    kind: account.kind,
    intervalMs: 60_000,
    timeZone: 'Asia/Shanghai',
    connection: { apiKey: KEY, baseUrl: account.url },
  };
});

/** Moves one live job of `account` to its terminal status and starts a new live one, via the control API. */
async function churn(account: Account): Promise<void> {
  const id = account.live.shift();
  if (id === undefined) return;
  await control(account, `/_sim/jobs/${encodeURIComponent(id)}/status`, { status: DONE[account.kind] });
  const made = (await control(account, '/_sim/jobs', { kind: account.kind, status: 'RUNNING' })) as {
    jobs: { id: string }[];
  };
  account.live.push(...made.jobs.map((job) => job.id));
}

async function control(account: Account, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${account.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** One Redis connection for this process's store and queue, its commands counted. */
function connection(prefix: string) {
  const redis: Redis = bench.client.duplicate();
  const commands = countCommands(redis);
  const store = new SnapshotStore(redis, prefix);
  const notifyQueue = new Queue(NOTIFY_QUEUE, { connection: redis, prefix });
  return {
    redis,
    commands,
    store,
    notifyQueue,
    async close() {
      await notifyQueue.close();
      await redis.quit();
    },
  };
}

// ─── 1. diff + commit, driven directly ───────────────────────────────────────────────────────────
async function diffCommit() {
  const conn = connection(bench.subPrefix('direct'));
  const now = new Date();
  const records = watches.map((watch) =>
    Array.from({ length: JOBS }, (_, i): JobRecord => {
      const live = i >= JOBS - Math.max(1, Math.round(JOBS / 100));
      const created = new Date(now.getTime() - (JOBS - i) * 60_000).toISOString();
      return {
        kind: watch.kind,
        account: watch.account,
        id: `${watch.kind}-${watch.account}-${i}`,
        status: live ? 'RUNNING' : 'SUCCEEDED',
        rawStatus: live ? 'RUNNING' : 'SUCCEEDED',
        name: `job ${i}`,
        model: 'qwen3-14b',
        baseModel: 'qwen3-14b',
        output: live ? undefined : `qwen3-14b-ft-${i}`,
        createdAt: created,
        startedAt: created,
        ...(live ? {} : { endedAt: now.toISOString(), usage: 1000 + i }),
      };
    }),
  );
  const pass = async (label: string, mutate: (list: JobRecord[]) => void) => {
    let diffMs = 0;
    let events = 0;
    const started = performance.now();
    await inParallel(
      watches.map((watch, i) => ({ watch, list: records[i] ?? [] })),
      CONCURRENCY,
      async ({ watch, list }) => {
        mutate(list);
        const token = await conn.store.beginFetch(watch.id);
        const view = await conn.store.loadView(watch.id);
        const previous = view.baselineDone ? await conn.store.loadAll(watch.id) : new Map();
        const t = performance.now();
        const changes = diff({
          watch: watchRef(watch),
          previous,
          baselineDone: view.baselineDone,
          result: { records: list, complete: true, notFound: [] },
          now,
          settings: DEFAULT_DIFF_SETTINGS,
        });
        diffMs += performance.now() - t;
        events += changes.events.length;
        const result = await conn.store.commit(watch.id, {
          watch: watchRef(watch),
          baseVersion: view.version,
          token,
          upserts: changes.upserts,
          deletes: changes.deletes,
          events: changes.events,
          now,
        });
        if (result !== 'committed') throw new Error(`${watch.id}: ${result}`);
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const total = WATCHES * JOBS;
    return [label, int(total), events, int(total / seconds), int(total / (diffMs / 1000))];
  };
  const rows = [
    await pass('first sight (every record new)', () => {}),
    await pass('full re-read, 1% changed', (list) => {
      // The live ones finish: one transition each.
      for (const record of list) if (record.status === 'RUNNING') record.status = 'SUCCEEDED';
    }),
    await pass('full re-read, nothing changed', () => {}),
  ];
  await conn.close();
  return rows;
}

// ─── 2. full cycles against the simulated accounts ───────────────────────────────────────────────
const clients: DashScopeClient[] = [];
const apis = new Map<string, JobsApi>(
  watches.map((watch) => {
    const client = createDashScopeClient({
      apiKey: KEY,
      baseUrl: watch.connection.baseUrl ?? '',
      timeoutMs: 30_000,
      retry: { maxAttempts: 2 },
    });
    clients.push(client);
    return [watch.id, jobsApiFromClient(client)];
  }),
);

function cycler(prefix: string) {
  const conn = connection(prefix);
  const signal = new AbortController().signal;
  const run = async (watch: Watch, settings: CycleSettings, now?: () => Date) => {
    const api = apis.get(watch.id);
    if (api === undefined) throw new Error(`no client for ${watch.id}`);
    const outcome = await runCycle(
      watch,
      {
        store: conn.store,
        notifyQueue: conn.notifyQueue,
        api,
        kind: KIND_DESCRIPTORS[watch.kind],
        settings,
        logger,
        ...(now ? { now } : {}),
      },
      signal,
    );
    if (outcome.result === 'failed') throw new Error(`${watch.id}: cycle failed`);
    return outcome;
  };
  return { conn, run };
}

const cycleSettings = (fullScanEveryMs: number): CycleSettings => ({
  poller: { ...DEFAULT_POLLER_SETTINGS, fullScanEveryMs },
  diff: DEFAULT_DIFF_SETTINGS,
  failingAfter: 3,
});

async function fullCycles(c: ReturnType<typeof cycler>) {
  const round = async (label: string, settings: CycleSettings) => {
    const sent = c.conn.commands.sent;
    const calls = await serverCalls(bench.client);
    let requests = 0;
    let records = 0;
    const started = performance.now();
    await inParallel(watches, CONCURRENCY, async (watch) => {
      const outcome = await c.run(watch, settings);
      requests += outcome.requests;
    });
    const seconds = (performance.now() - started) / 1000;
    const commands = c.conn.commands.sent - sent;
    const server = (await serverCalls(bench.client)) - calls;
    // Records the cycles read: every job on a full scan, the pages' worth otherwise.
    records = requests * 100;
    return [
      label,
      requests,
      (commands / WATCHES).toFixed(1),
      (commands / requests).toFixed(2),
      (server / requests).toFixed(1),
      int(records / seconds),
      `${(seconds * 1000).toFixed(0)} ms`,
    ];
  };
  return [
    await round('first sight (baseline, full scan)', cycleSettings(HOUR)),
    await round('steady (no change)', cycleSettings(HOUR)),
    await round('full scan, nothing changed', cycleSettings(0)),
  ];
}

// ─── 3. a compressed hour of cycles with changes ─────────────────────────────────────────────────
async function soak(c: ReturnType<typeof cycler>) {
  const base = Date.now();
  const settings = cycleSettings(HOUR);
  const samples: (string | number)[][] = [];
  const sample = (label: string, cycles: number) => {
    const { rss, heapUsed } = rssNow();
    samples.push([label, int(cycles), mb(rss), mb(heapUsed)]);
  };
  let done = 0;
  let events = 0;
  sample('start', 0);
  const started = performance.now();
  for (let round = 0; done < SOAK_CYCLES; round++) {
    // Each round is one interval of every watch; a few jobs change in between.
    for (let i = 0; i < 5; i++) await churn(accounts[(round * 5 + i) % accounts.length] as Account);
    const batch = watches.slice(0, Math.min(watches.length, SOAK_CYCLES - done));
    await inParallel(batch, CONCURRENCY, async (watch) => {
      // The clock runs an hour over the soak, so each watch's hourly full scan comes due once.
      const at = new Date(base + (done / SOAK_CYCLES) * HOUR);
      const outcome = await c.run(watch, settings, () => at);
      events += outcome.events;
      done++;
    });
    if (done >= SOAK_CYCLES / 2 && samples.length === 1) sample('middle', done);
  }
  sample('end', done);
  const seconds = (performance.now() - started) / 1000;
  return { samples, seconds, events };
}

// ─── 4. one process against three ────────────────────────────────────────────────────────────────
async function processes(count: number) {
  const prefix = bench.subPrefix(`procs${count}`);
  const conn = connection(prefix);
  const fast = watches.map((watch) => ({ ...watch, intervalMs: 250 }));
  const cycles: { time: number; result: string; records: number }[] = [];
  const children = Array.from({ length: count }, () => {
    const child = spawnTs('engine-child.ts', [], {
      REDIS_URL: bench.url,
      PREFIX: prefix,
      WATCHES: JSON.stringify(fast),
      // Every cycle reads every page: work that saturates the processes, and a diff of every job.
      FULL_SCAN_EVERY_MS: '0',
    });
    lines(child, (line) => {
      if (!line.startsWith('{')) return;
      const log = JSON.parse(line) as { msg?: string; time: number; result?: string; records?: number };
      if (log.msg === 'poll cycle')
        cycles.push({ time: log.time, result: log.result ?? '', records: log.records ?? 0 });
    });
    return child;
  });
  try {
    for (const watch of watches) {
      while (!(await conn.store.loadView(watch.id)).baselineDone) await sleep(100);
    }
    const from = Date.now();
    const changes = Math.max(WATCHES, Math.round(WINDOW_S * 10));
    for (let i = 0; i < changes; i++) {
      const due = from + (i * WINDOW_S * 1000) / changes;
      if (due > Date.now()) await sleep(due - Date.now());
      await churn(accounts[i % accounts.length] as Account);
    }
    const to = Date.now();
    // Each change is a transition and a new job: two events, each queued exactly once.
    const expected = changes * 2;
    const deadline = Date.now() + 30_000;
    let queued = 0;
    while (Date.now() < deadline) {
      queued = await conn.notifyQueue.count();
      if (queued >= expected) break;
      await sleep(200);
    }
    await sleep(2000);
    const jobs = await conn.notifyQueue.getJobs(['wait', 'delayed', 'active', 'completed', 'failed']);
    const byChange = new Map<string, number>();
    for (const job of jobs) {
      const event = job.data as JobEvent;
      // Job ids are unique per account only (the simulated accounts draw theirs independently).
      const key = `${event.job?.account}:${event.job?.id}:${event.type}:${event.to}`;
      byChange.set(key, (byChange.get(key) ?? 0) + 1);
    }
    const duplicates = [...byChange.values()].filter((n) => n > 1).length;
    const inWindow = cycles.filter((cycle) => cycle.time >= from && cycle.time <= to);
    const committed = inWindow.filter((cycle) => cycle.result === 'committed');
    const seconds = (to - from) / 1000;
    const records = committed.reduce((sum, cycle) => sum + cycle.records, 0);
    return [
      count,
      (committed.length / seconds).toFixed(1),
      int(records / seconds),
      inWindow.filter((cycle) => cycle.result === 'stale').length,
      expected,
      jobs.length,
      duplicates,
    ];
  } finally {
    await Promise.all(children.map(stopChild));
    await conn.close();
  }
}

try {
  const direct = await diffCommit();
  endPhase(`diff + commit driven directly (all ${int(WATCHES * JOBS)} records held at once)`);
  out('## diff + commit, driven directly (one process, 4 watches at a time)');
  out();
  out(table(['pass', 'records', 'events', 'diff + commit records/s', 'diff alone records/s'], direct));
  out();
  out('Target: ≥ 50,000 records/s diff + commit on one process.');
  out();

  const c = cycler(bench.subPrefix('cycles'));
  const full = await fullCycles(c);
  endPhase('full cycles');
  out('## Full cycles (fetch + diff + commit + forward), 4 watches at a time');
  out();
  out(
    table(
      [
        'cycle',
        'API requests (pages)',
        'commands sent per cycle',
        'round trips per page',
        'server calls per page',
        'records read/s',
        'time for all watches',
      ],
      full,
    ),
  );
  out();
  out('Target: ≤ 2 Redis round trips per page. Server calls include commands run inside Lua scripts.');
  out();

  const soaked = await soak(c);
  endPhase('soak');
  out(
    `## Compressed one-hour soak: ${int(SOAK_CYCLES)} cycles with changes in ${soaked.seconds.toFixed(0)} s`,
  );
  out();
  out(table(['point', 'cycles done', 'RSS (after GC)', 'heap used (after GC)'], soaked.samples));
  out();
  out(`${int(soaked.events)} events committed during the soak.`);
  out();
  await c.conn.close();

  clearInterval(sampler);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  out('## Memory of this process');
  out();
  out(table(['part', 'peak RSS (sampled)', 'peak V8 heap total', 'RSS after it (after GC)'], phases));
  out();
  out(
    table(
      ['sampled peak RSS', 'maxRSS (getrusage)', 'target'],
      [
        [
          mb(peakRss),
          mb(maxRss),
          `≤ 150 MB: ${Math.max(peakRss, maxRss) <= 150 * 1024 * 1024 ? 'met' : 'missed'}`,
        ],
      ],
    ),
  );
  out();

  const procRows = [await processes(1), await processes(3)];
  out(`## One process against three (engine children, one Redis, the same ${WATCHES} watches)`);
  out();
  out(
    table(
      [
        'processes',
        'committed cycles/s',
        'records diffed + committed/s',
        'stale cycles (fenced off)',
        'events expected',
        'events queued',
        'duplicate events',
      ],
      procRows,
    ),
  );
  out();
  out(
    `Interval 250 ms and a full scan every cycle, so the processes are never idle; ${WINDOW_S} s window with`,
  );
  out('a status change and a new job every 100 ms. The simulated accounts share one process with the');
  out('engines on this machine, so the three engines compete with it and Redis for the cores.');
} finally {
  clearInterval(sampler);
  await Promise.all(clients.map((client) => client.close()));
  await stopChild(simHost);
  await bench.cleanup();
}
