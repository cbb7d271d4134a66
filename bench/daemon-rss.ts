/**
 * The memory of the real daemon, as users run it (`node dist/cli.js start`, built, no tsx), while it
 * tracks 100,000 jobs across 50 watches and full-scans them over and over. Reads the daemon's RSS
 * and its high-water mark (VmHWM) from /proc, so the figure is the process's own, nothing else.
 *
 * node --import tsx bench/daemon-rss.ts [--quick] [--private-redis] [--watches 50] [--jobs 2000] [--seconds 60]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freeLoopbackPort } from '../src/dev/ephemeral-redis.js';
import { benchRedis, machineHeader, mb, sleep, table } from './support.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    watches: { type: 'string' },
    jobs: { type: 'string' },
    seconds: { type: 'string' },
    'private-redis': { type: 'boolean', default: false },
  },
});
const WATCHES = Number(values.watches ?? 50);
const JOBS = Number(values.jobs ?? (values.quick ? 400 : 2000));
const SECONDS = Number(values.seconds ?? (values.quick ? 20 : 60));
const KINDS = ['fine_tune', 'model_import', 'compression'];
const KEY = 'sk-bench-rss';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
const out = (text = '') => process.stdout.write(`${text}\n`);

if (!existsSync(CLI)) {
  process.stderr.write('daemon-rss: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(1);
}

/** VmRSS and VmHWM of `pid`, in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

const redis = await benchRedis('rss', values['private-redis']);
const dir = mkdtempSync(join(tmpdir(), 'dashwatch-rss-'));
const simHost = spawn(
  process.execPath,
  ['--import', 'tsx', 'bench/sim-host.ts', String(WATCHES), String(JOBS), KINDS.join(','), KEY],
  {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
let daemon: ChildProcess | undefined;
try {
  out(await machineHeader(redis.client, 'dashwatch daemon memory'));
  const accounts = await new Promise<{ url: string; kind: string }[]>((resolve, reject) => {
    simHost.once('exit', (code) => reject(new Error(`sim-host exited (${code})`)));
    if (simHost.stdout === null) return reject(new Error('no sim-host stdout'));
    createInterface({ input: simHost.stdout }).once('line', (line) => resolve(JSON.parse(line).accounts));
  });
  const port = await freeLoopbackPort();
  const config = [
    `redis: { url: "${redis.url}", prefix: "${redis.prefix}" }`,
    `server: { port: ${port} }`,
    // Full scans every 10 s: the daemon reads and diffs every job of every watch again and again.
    'polling: { interval: 2s, fullScanEvery: 10s }',
    'accounts:',
    ...accounts.map((a, i) => `  - { name: a${i}, apiKey: ${KEY}, baseUrl: "${a.url}", kinds: [${a.kind}] }`),
  ].join('\n');
  writeFileSync(join(dir, 'dashwatch.yaml'), config);
  daemon = spawn(process.execPath, [CLI, 'start', '--config', join(dir, 'dashwatch.yaml')], {
    cwd: dir,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const pid = daemon.pid ?? 0;
  const started = Date.now();
  const metric = async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text().catch(() => '');
    return [...text.matchAll(/^dashwatch_poll_cycles_total\{[^}]*result="committed"[^}]*\} (\d+)/gm)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
  };
  const samples: { at: number; rss: number; cycles: number }[] = [];
  let baselineAt: number | undefined;
  while (Date.now() - started < SECONDS * 1000) {
    await sleep(1000);
    const cycles = await metric();
    const { rss } = memoryOf(pid);
    samples.push({ at: (Date.now() - started) / 1000, rss, cycles });
    if (baselineAt === undefined && cycles >= WATCHES) baselineAt = samples.length - 1;
  }
  const { peak } = memoryOf(pid);
  const at = (index: number) => samples[Math.max(0, Math.min(samples.length - 1, index))];
  const rows = [
    ['after every watch’s baseline', at(baselineAt ?? 0)],
    ['half way', at(Math.floor(samples.length / 2))],
    ['end', at(samples.length - 1)],
  ].map(([label, sample]) => {
    const s = sample as { at: number; rss: number; cycles: number };
    return [label as string, `${s.at.toFixed(0)} s`, s.cycles, mb(s.rss)];
  });
  out(
    `${WATCHES} watches × ${JOBS} jobs (${(WATCHES * JOBS).toLocaleString('en-US')} tracked), interval 2 s, a full scan every 10 s, for ${SECONDS} s; the built CLI (node dist/cli.js start).`,
  );
  out();
  out(table(['point', 'time', 'committed cycles', 'RSS'], rows));
  out();
  out(`Peak RSS (VmHWM): ${mb(peak)} — target ≤ 150 MB: ${peak <= 150 * 1024 * 1024 ? 'met' : 'missed'}`);
} finally {
  if (daemon) await stop(daemon, 'SIGTERM');
  simHost.stdin?.end();
  await stop(simHost, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  await redis.cleanup();
}
