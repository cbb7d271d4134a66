/**
 * The memory of the real daemon, as users run it, while it tracks 100,000 jobs across 50 watches and
 * full-scans them over and over: `npx dashwatch start` (the bin, with the V8 flags of its shebang) and
 * the Docker image's command (`node dist/cli.js start` with the image's NODE_OPTIONS). Reads the
 * daemon's RSS and its high-water mark (VmHWM) from /proc, so the figure is the process's own.
 *
 * npm run build && node --import tsx bench/daemon-rss.ts [--quick] [--private-redis] [--watches 50] [--jobs 2000] [--seconds 60]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freeLoopbackPort } from '../src/dev/ephemeral-redis.js';
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
    quick: { type: 'boolean', default: false },
    watches: { type: 'string' },
    jobs: { type: 'string' },
    seconds: { type: 'string' },
    'private-redis': { type: 'boolean', default: false },
    /** Instead of the usual starts: `node <these options> dist/cli.js start`, to try other V8 flags. */
    'node-options': { type: 'string' },
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
try {
  out(await machineHeader(redis.client, 'dashwatch daemon memory'));
  const accounts = await new Promise<{ url: string; kind: string }[]>((resolve, reject) => {
    simHost.once('exit', (code) => reject(new Error(`sim-host exited (${code})`)));
    if (simHost.stdout === null) return reject(new Error('no sim-host stdout'));
    createInterface({ input: simHost.stdout }).once('line', (line) => resolve(JSON.parse(line).accounts));
  });
  out(
    `${WATCHES} watches × ${JOBS} jobs (${(WATCHES * JOBS).toLocaleString('en-US')} tracked), interval 2 s, a full scan every 10 s, for ${SECONDS} s each.`,
  );
  out();
  const tried = values['node-options'];
  const starts =
    tried === undefined
      ? DAEMON_STARTS
      : [
          {
            label: `node ${tried} dist/cli.js start`,
            command: process.execPath,
            args: [...tried.split(/\s+/), 'dist/cli.js', 'start'],
            env: {},
          },
        ];
  for (const start of starts) {
    const prefix = redis.subPrefix(start.command === 'npx' ? 'npx' : 'image');
    const port = await freeLoopbackPort();
    const configFile = join(dir, `${prefix.replace(/\W/g, '_')}.yaml`);
    writeFileSync(
      configFile,
      [
        `redis: { url: "${redis.url}", prefix: "${prefix}" }`,
        `server: { port: ${port} }`,
        // Full scans every 10 s: the daemon reads and diffs every job of every watch again and again.
        'polling: { interval: 2s, fullScanEvery: 10s }',
        'accounts:',
        ...accounts.map(
          (a, i) => `  - { name: a${i}, apiKey: ${KEY}, baseUrl: "${a.url}", kinds: [${a.kind}] }`,
        ),
      ].join('\n'),
    );
    const launcher = spawn(start.command, [...start.args, '--config', configFile], {
      cwd: ROOT,
      env: { ...process.env, ...start.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      const pid = await dashwatchPid(launcher.pid ?? 0);
      const samples = await sample(pid, port);
      const { peak } = memoryOf(pid);
      out(
        `**${start.label}**${'NODE_OPTIONS' in start.env ? ` (NODE_OPTIONS=${start.env.NODE_OPTIONS})` : ''}`,
      );
      out();
      out(table(['point', 'time', 'committed cycles', 'RSS'], samples));
      out();
      out(`Peak RSS (VmHWM): ${mb(peak)} — target ≤ 120 MB: ${peak <= 120 * 1024 * 1024 ? 'met' : 'missed'}`);
      out();
      await stopTree(launcher, pid);
    } catch (error) {
      await stopTree(launcher, undefined);
      throw error;
    }
  }
} finally {
  simHost.stdin?.end();
  await stop(simHost, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  await redis.cleanup();
}

/** RSS over the run, sampled each second, with the committed cycles `/metrics` counts. */
async function sample(pid: number, port: number): Promise<(string | number)[][]> {
  const started = Date.now();
  const committed = async () => {
    // A daemon still starting has no server yet: count nothing rather than fail the run.
    const text = await fetch(`http://127.0.0.1:${port}/metrics`)
      .then((response) => response.text())
      .catch(() => '');
    return [...text.matchAll(/^dashwatch_poll_cycles_total\{[^}]*result="committed"[^}]*\} (\d+)/gm)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
  };
  const samples: { at: number; rss: number; cycles: number }[] = [];
  let baselineAt: number | undefined;
  while (Date.now() - started < SECONDS * 1000) {
    await sleep(1000);
    const cycles = await committed();
    samples.push({ at: (Date.now() - started) / 1000, rss: memoryOf(pid).rss, cycles });
    if (baselineAt === undefined && cycles >= WATCHES) baselineAt = samples.length - 1;
  }
  const at = (index: number) => samples[Math.max(0, Math.min(samples.length - 1, index))];
  return [
    ['after every watch’s baseline', at(baselineAt ?? 0)],
    ['half way', at(Math.floor(samples.length / 2))],
    ['end', at(samples.length - 1)],
  ].map(([label, point]) => {
    const s = point as { at: number; rss: number; cycles: number };
    return [label as string, `${s.at.toFixed(0)} s`, s.cycles, mb(s.rss)];
  });
}
