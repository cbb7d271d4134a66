/**
 * Polling cost: dashwatch against the naive poller on simulated accounts of growing size.
 * Run: node --import tsx bench/poll-cost.ts [--quick] [--sizes 100,10000,100000] [--private-redis]
 */
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { createLogger } from '../src/core/logger.js';
import type { JobKind } from '../src/core/types.js';
import { type Watch, watchId } from '../src/core/watch.js';
import { createDashScopeClient, type DashScopeClient } from '../src/dashscope/index.js';
import { type Simulator, startSimulator } from '../src/dev/simulator/index.js';
import { DEFAULT_POLLER_SETTINGS, KINDS } from '../src/kinds/index.js';
import { NOTIFY_QUEUE } from '../src/queue/names.js';
import { DEFAULT_DIFF_SETTINGS, SnapshotStore } from '../src/store/index.js';
import { jobsApiFromClient } from '../src/watch/client-jobs-api.js';
import { type CycleSettings, runCycle } from '../src/watch/poll-cycle.js';
import { NaivePoller } from './naive-poller.js';
import { benchRedis, countCommands, int, machineHeader, ms, serverCalls, table } from './support.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    'private-redis': { type: 'boolean', default: false },
  },
});
const SIZES = (values.sizes ?? (values.quick ? '100,10000' : '100,10000,100000')).split(',').map(Number);
const LIVE_SHARE = 0.01;
/** Fine-tunes are most of a real account; imports and compression jobs share the rest. */
const SHARE: Record<'fine_tune' | 'model_import' | 'compression', number> = {
  fine_tune: 0.5,
  model_import: 0.25,
  compression: 0.25,
};
const DONE: Record<'fine_tune' | 'model_import' | 'compression', string> = {
  fine_tune: 'SUCCEEDED',
  model_import: 'SUCCESSED',
  compression: 'SUCCEEDED',
};
const CHECKPOINT_MODEL = DEFAULT_POLLER_SETTINGS.checkpointModels[0] ?? 'cosyvoice-v3-flash';
/** Live fine-tunes of a checkpoint-emitting model (each costs one checkpoint request a cycle). */
const LIVE_PARENTS = 2;
/** Finished ones whose checkpoints have settled: free in steady cycles, read by the naive poller. */
const SETTLED_PARENTS = 5;
const WATCH_KINDS: readonly JobKind[] = ['fine_tune', 'model_import', 'compression', 'checkpoint'];
const KEY = 'sk-bench-poll-cost';
type Layout = 'newest' | 'scattered';

const logger = createLogger({ level: 'silent' });
const settings: CycleSettings = {
  poller: DEFAULT_POLLER_SETTINGS,
  diff: DEFAULT_DIFF_SETTINGS,
  failingAfter: 3,
};

/** Fills one account: per kind, finished history with 1% live jobs either newest or spread evenly. */
function populate(sim: Simulator, jobs: number, layout: Layout): Record<JobKind, number> {
  const live: Record<JobKind, number> = { fine_tune: 0, model_import: 0, compression: 0, checkpoint: 0 };
  const start = Date.now() - (jobs + 600) * 1000;
  for (const kind of ['fine_tune', 'model_import', 'compression'] as const) {
    const count = Math.max(2, Math.round(jobs * SHARE[kind]));
    const liveCount = Math.max(1, Math.round(count * LIVE_SHARE));
    live[kind] = liveCount;
    let at = start;
    const add = (n: number, status: string, model?: string) => {
      if (n <= 0) return [];
      const createdAt = new Date(at).toISOString();
      at += n * 1000;
      return sim.createJobs({
        kind,
        count: n,
        status,
        createdAt,
        spacingMs: 1000,
        ...(model ? { model } : {}),
      });
    };
    if (kind === 'fine_tune') {
      for (const parent of add(SETTLED_PARENTS, 'SUCCEEDED', CHECKPOINT_MODEL))
        sim.addCheckpoints(parent.id, { count: 3, status: 'SUCCEEDED' });
    }
    const finished = count - liveCount - (kind === 'fine_tune' ? SETTLED_PARENTS : 0);
    const liveJobs = [];
    if (layout === 'newest') {
      add(finished, DONE[kind]);
      liveJobs.push(...add(liveCount, 'RUNNING'));
    } else {
      const stride = Math.floor(finished / liveCount);
      for (let i = 0; i < liveCount; i++) {
        add(stride, DONE[kind]);
        liveJobs.push(...add(1, 'RUNNING'));
      }
      add(finished - stride * liveCount, DONE[kind]);
    }
    if (kind === 'fine_tune') {
      // A few live fine-tunes train a checkpoint-emitting model, with checkpoints still settling.
      for (const job of liveJobs.slice(0, LIVE_PARENTS)) {
        const [parent] = sim.createJobs({
          kind,
          status: 'RUNNING',
          model: CHECKPOINT_MODEL,
          createdAt: new Date(Date.now() - 300_000).toISOString(),
        });
        if (parent === undefined) continue;
        sim.deleteJob(job.id);
        sim.addCheckpoints(parent.id, { count: 2, status: 'SUCCEEDED' });
        sim.addCheckpoints(parent.id, { count: 1, status: 'PENDING' });
        live.checkpoint += 1;
      }
    }
  }
  return live;
}

interface Figures {
  requests: Record<string, number>;
  totalRequests: number;
  timeMs: number;
  serverCalls: number;
  clientCommands: number;
}

async function measureSize(jobs: number, layout: Layout, prefix: string) {
  const running = await startSimulator({ apiKeys: [KEY] });
  const sim = running.sim;
  const live = populate(sim, jobs, layout);
  const redis = bench.client.duplicate();
  const commands = countCommands(redis);
  const store = new SnapshotStore(redis, prefix);
  const notifyQueue = new Queue(NOTIFY_QUEUE, { connection: redis, prefix });
  const client = (): DashScopeClient =>
    createDashScopeClient({
      apiKey: KEY,
      baseUrl: running.url,
      timeoutMs: 30_000,
      retry: { maxAttempts: 1 },
    });
  const dwClient = client();
  const api = jobsApiFromClient(dwClient);
  const watches: Watch[] = WATCH_KINDS.map((kind) => ({
    id: watchId('bench', kind),
    account: 'bench',
    kind,
    intervalMs: 60_000,
    timeZone: 'Asia/Shanghai',
    connection: { apiKey: KEY, baseUrl: running.url },
  }));
  const signal = new AbortController().signal;
  const dashwatch = async (): Promise<Figures> => {
    const requests: Record<string, number> = {};
    const calls = await serverCalls(bench.client);
    const sent = commands.sent;
    const started = performance.now();
    for (const watch of watches) {
      const outcome = await runCycle(
        watch,
        { store, notifyQueue, api, kind: KINDS[watch.kind], settings, logger },
        signal,
      );
      if (outcome.result !== 'committed') throw new Error(`${watch.id}: cycle ${outcome.result}`);
      requests[watch.kind] = outcome.requests;
    }
    const timeMs = performance.now() - started;
    return {
      requests,
      totalRequests: Object.values(requests).reduce((a, b) => a + b, 0),
      timeMs,
      serverCalls: (await serverCalls(bench.client)) - calls,
      clientCommands: commands.sent - sent,
    };
  };
  const naivePoller = new NaivePoller(client(), settings.poller.checkpointModels, logger);
  const naive = async (): Promise<Figures> => {
    const started = performance.now();
    const cycle = await naivePoller.cycle(signal);
    return {
      requests: {},
      totalRequests: cycle.requests,
      timeMs: performance.now() - started,
      serverCalls: 0,
      clientCommands: 0,
    };
  };
  // Baselines, then one unmeasured steady cycle so connections and scripts are warm.
  await dashwatch();
  await dashwatch();
  await naive();
  await naive();
  const dwSteady = await dashwatch();
  const naiveSteady = await naive();
  for (const kind of ['fine_tune', 'model_import', 'compression'] as const) sim.createJobs({ kind });
  const dwNew = await dashwatch();
  const naiveNew = await naive();
  await notifyQueue.close();
  await redis.quit();
  await dwClient.close();
  await running.close();
  return { live, dwSteady, naiveSteady, dwNew, naiveNew };
}

const bench = await benchRedis('poll-cost', values['private-redis']);
process.stdout.write(`${await machineHeader(bench.client, 'dashwatch polling cost')}\n`);
process.stdout.write(
  [
    `Accounts: ${SIZES.map(int).join(', ')} jobs; fine-tunes ${SHARE.fine_tune * 100}%, imports ${SHARE.model_import * 100}%,`,
    `compression ${SHARE.compression * 100}%; 1% of each kind live (RUNNING); ${LIVE_PARENTS} live fine-tunes of`,
    `\`${CHECKPOINT_MODEL}\` with settling checkpoints, ${SETTLED_PARENTS} finished ones with settled checkpoints.`,
    'Requests are per cycle of all four watches (fine-tune/import/compression/checkpoint). Redis calls:',
    '`INFO commandstats` delta (server-wide, commands inside Lua scripts included); sent: commands the',
    'client sent (its round trips). The naive poller keeps its snapshot in memory: no Redis.',
    '',
  ].join('\n'),
);

const rows: (string | number)[][] = [];
const targets: (string | number)[][] = [];
const breakdown = (f: Figures) => WATCH_KINDS.map((k) => f.requests[k] ?? 0).join('/');
try {
  for (const jobs of SIZES) {
    for (const layout of ['newest', 'scattered'] as const) {
      const r = await measureSize(jobs, layout, bench.subPrefix(`${jobs}-${layout}`));
      const liveTotal = r.live.fine_tune + r.live.model_import + r.live.compression;
      rows.push([
        int(jobs),
        layout,
        liveTotal,
        'dashwatch',
        `${r.dwSteady.totalRequests} (${breakdown(r.dwSteady)})`,
        `${r.dwNew.totalRequests} (${breakdown(r.dwNew)})`,
        ms(r.dwSteady.timeMs),
        `${r.dwSteady.serverCalls} (sent ${r.dwSteady.clientCommands})`,
      ]);
      rows.push([
        int(jobs),
        layout,
        liveTotal,
        'naive',
        r.naiveSteady.totalRequests,
        r.naiveNew.totalRequests,
        ms(r.naiveSteady.timeMs),
        '0 (in memory)',
      ]);
      for (const kind of WATCH_KINDS) {
        // Checkpoints: one request per followed fine-tune is the floor (there is no list to page).
        const liveW = r.live[kind];
        const target = Math.ceil(liveW / 100) + 2;
        const got = r.dwSteady.requests[kind] ?? 0;
        const verdict = layout === 'newest' ? (got <= target ? 'met' : 'missed') : 'reported';
        targets.push([int(jobs), layout, kind, liveW, got, `≤ ${target}`, verdict]);
      }
      process.stdout.write(`… ${int(jobs)} jobs, ${layout}: done\n`);
    }
  }
  process.stdout.write(`\n## Requests, time and Redis per cycle\n\n`);
  process.stdout.write(
    `${table(
      [
        'jobs',
        'layout',
        'live',
        'poller',
        'steady requests (ft/imp/cmp/ckpt)',
        'after one new job per kind',
        'steady cycle time',
        'Redis calls per cycle',
      ],
      rows,
    )}\n`,
  );
  process.stdout.write(`\n## Steady requests per watch against the target ceil(live / 100) + 2\n\n`);
  process.stdout.write(
    `${table(['jobs', 'layout', 'watch', 'live', 'steady requests', 'target', ''], targets)}\n`,
  );
  process.stdout.write(
    '\n(live for the checkpoint watch: live fine-tunes it follows; target applies to the newest layout.)\n',
  );
} finally {
  await bench.cleanup();
}
