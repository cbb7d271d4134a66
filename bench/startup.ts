/**
 * What starting dashwatch costs, as users run it (the built CLI, no tsx), side by side with the floor
 * (`node -e 0`) measured the same way in the same run: wall time and peak RSS of `dashwatch --help`
 * and `dashwatch validate` (median of N runs each), and the RSS of an idle daemon (one account, four
 * watches, against a simulator in another process) once its watches have cycled for a while.
 *
 * npm run build && node --import tsx bench/startup.ts [--runs 5] [--idle-seconds 30] [--private-redis]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSimulator } from '../src/dev/simulator/index.js';
import { SnapshotStore } from '../src/store/index.js';
import {
  benchRedis,
  DAEMON_STARTS,
  dashwatchPid,
  machineHeader,
  mb,
  memoryOf,
  sleep,
  stopTree,
  table,
} from './support.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    'idle-seconds': { type: 'string' },
    'private-redis': { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs ?? 5);
const IDLE_SECONDS = Number(values['idle-seconds'] ?? 30);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = `${ROOT}dist/cli.js`;
const KEY = 'sk-bench-startup';
const out = (text = '') => process.stdout.write(`${text}\n`);

if (!existsSync(CLI)) {
  process.stderr.write('startup: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(1);
}

interface Run {
  wallMs: number;
  peakRss: number;
  code: number | null;
}

/** Runs `command` to its end; wall time, and peak RSS from the kernel's rusage of the child. */
async function runOnce(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  // `/usr/bin/time -f %M` reports the child's max RSS in KB; the wall time is ours around it.
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', '%M', command, ...args], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  const wallMs = performance.now() - started;
  const kb = Number(err.trim().split('\n').at(-1));
  return { wallMs, peakRss: kb * 1024, code };
}

function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function measure(label: string, command: string, args: string[], env: NodeJS.ProcessEnv) {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnce(command, args, env));
  const failed = runs.filter((run) => run.code !== 0 && !(args.length === 0 && run.code === 2));
  return {
    label,
    wallMs: median(runs.map((run) => run.wallMs)),
    peakRss: median(runs.map((run) => run.peakRss)),
    note: failed.length > 0 ? `exit ${failed[0]?.code}` : '',
  };
}

async function _stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

const redis = await benchRedis('startup', values['private-redis']);
const sim = await startSimulator({ apiKeys: [KEY] });
try {
  out(await machineHeader(redis.client, 'dashwatch start-up cost'));
  // The account has some history, so the daemon's first cycles read real pages.
  for (const kind of ['fine_tune', 'model_import', 'compression'] as const)
    sim.sim.createJobs({ kind, count: 200, status: kind === 'model_import' ? 'SUCCESSED' : 'SUCCEEDED' });
  sim.sim.createJobs({ kind: 'fine_tune', count: 3, status: 'RUNNING' });

  const base = { PATH: process.env.PATH ?? '' };
  // This machine's environment, as given: a CA bundle in NODE_EXTRA_CA_CERTS costs every Node start.
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  const envs = [
    { label: 'as this machine runs Node', env: { ...base, ...(ca ? { NODE_EXTRA_CA_CERTS: ca } : {}) } },
    ...(ca ? [{ label: 'without NODE_EXTRA_CA_CERTS', env: base }] : []),
  ];
  const account = { DASHSCOPE_API_KEY: KEY, DASHSCOPE_BASE_URL: sim.url };
  const rows: string[][] = [];
  for (const { label, env } of envs) {
    const results = [
      await measure('node -e 0 (the floor)', process.execPath, ['-e', '0'], env),
      await measure('dashwatch --help', process.execPath, [CLI, '--help'], env),
      await measure('dashwatch validate (env-only)', process.execPath, [CLI, 'validate'], {
        ...env,
        ...account,
      }),
    ];
    for (const r of results) rows.push([label, r.label, `${r.wallMs.toFixed(0)} ms`, mb(r.peakRss), r.note]);
  }
  out(`Median of ${RUNS} runs each; peak RSS is the process's max RSS (rusage).`);
  out();
  out(table(['environment', 'command', 'wall', 'peak RSS', ''], rows));
  out();

  // The idle daemon, started the ways users start it.
  const idleRows: string[][] = [];
  for (const start of DAEMON_STARTS) {
    const prefix = redis.subPrefix(`idle-${idleRows.length}`);
    const launcher = spawn(start.command, start.args, {
      cwd: ROOT,
      env: {
        ...process.env,
        ...account,
        ...start.env,
        REDIS_URL: redis.url,
        DASHWATCH_REDIS_PREFIX: prefix,
        DASHWATCH_PORT: '0',
        POLL_INTERVAL: '5s',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    let pid: number | undefined;
    try {
      pid = await dashwatchPid(launcher.pid ?? 0);
      const store = new SnapshotStore(redis.client, prefix);
      const watches = ['fine_tune', 'model_import', 'compression', 'checkpoint'].map((k) => `default.${k}`);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const views = await Promise.all(watches.map((id) => store.loadView(id)));
        if (views.every((view) => view.baselineDone)) break;
        await sleep(250);
      }
      await sleep(IDLE_SECONDS * 1000);
      const { rss, peak } = memoryOf(pid);
      const flags = 'NODE_OPTIONS' in start.env ? ` (NODE_OPTIONS=${start.env.NODE_OPTIONS})` : '';
      idleRows.push([`${start.label}${flags}`, mb(rss), mb(peak)]);
    } finally {
      await stopTree(launcher, pid);
    }
  }
  out(
    `Idle daemon: one account, four watches, a 5 s interval, ${IDLE_SECONDS} s after every watch's baseline.`,
  );
  out();
  out(table(['started as', 'RSS', 'peak RSS (VmHWM)'], idleRows));
  out();
  out('Targets: --help ≤ 150 ms and ≤ 60 MB; idle daemon ≤ 80 MB.');
} finally {
  await sim.close();
  await redis.cleanup();
}
