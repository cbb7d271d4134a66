/**
 * A fleet on one process: 1,000 watches (250 accounts × 4 kinds) at a 60 s interval, the daemon
 * started as the Docker image starts it. Prints whether every watch was polled within its interval
 * (the gaps between each watch's cycles, from its own log lines), the size of `/metrics`, and RSS.
 *
 * npm run build && node --import tsx bench/watch-fleet.ts [--quick] [--accounts 250] [--minutes 4] [--private-redis]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { freeLoopbackPort } from '../src/dev/ephemeral-redis.js';
import { startSimulator } from '../src/dev/simulator/index.js';
import {
  benchRedis,
  IMAGE_NODE_ARGS,
  IMAGE_NODE_OPTIONS,
  int,
  machineHeader,
  mb,
  memoryOf,
  percentile,
  sleep,
  table,
} from './support.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    accounts: { type: 'string' },
    minutes: { type: 'string' },
    'private-redis': { type: 'boolean', default: false },
  },
});
const ACCOUNTS = Number(values.accounts ?? 250);
const MINUTES = Number(values.minutes ?? (values.quick ? 2.5 : 4));
const KINDS = ['fine_tune', 'checkpoint', 'model_import', 'compression'] as const;
const INTERVAL_MS = 60_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli.js');
const out = (text = '') => process.stdout.write(`${text}\n`);

if (!existsSync(CLI)) {
  process.stderr.write('watch-fleet: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(1);
}

const keys = Array.from({ length: ACCOUNTS }, (_, i) => `sk-fleet-${i}`);
const sim = await startSimulator({ apiKeys: keys, seed: 7 });
for (const kind of ['fine_tune', 'model_import', 'compression'] as const) {
  sim.sim.createJobs({ kind, count: 8, status: kind === 'model_import' ? 'SUCCESSED' : 'SUCCEEDED' });
  sim.sim.createJobs({ kind, count: 2, status: 'RUNNING' });
}
const redis = await benchRedis('fleet', values['private-redis']);
const dir = mkdtempSync(join(tmpdir(), 'dashwatch-fleet-'));
const port = await freeLoopbackPort();
const configFile = join(dir, 'fleet.yaml');
writeFileSync(
  configFile,
  stringify({
    redis: { url: redis.url, prefix: redis.subPrefix('fleet') },
    server: { port },
    polling: { interval: '60s' },
    accounts: keys.map((apiKey, i) => ({ name: `a${i}`, apiKey, baseUrl: sim.url, kinds: [...KINDS] })),
  }),
);

out(await machineHeader(redis.client, 'a fleet of watches on one process'));
out(
  `${ACCOUNTS} accounts × ${KINDS.length} kinds = ${int(ACCOUNTS * KINDS.length)} watches, interval 60 s, ` +
    `${MINUTES} min, started as the image starts it (${IMAGE_NODE_OPTIONS}).`,
);
out();

const startedAt = Date.now();
const daemon = spawn(process.execPath, [...IMAGE_NODE_ARGS, CLI, 'start', '--config', configFile], {
  cwd: ROOT,
  env: { ...process.env, NODE_OPTIONS: IMAGE_NODE_OPTIONS, LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const cycles = new Map<string, number[]>();
const others = new Map<string, number>();
createInterface({ input: daemon.stdout }).on('line', (line) => {
  if (!line.includes('"poll cycle"')) return;
  const entry = JSON.parse(line) as { watch: string; time: number; result: string; reason?: string };
  if (entry.result === 'committed') {
    const times = cycles.get(entry.watch) ?? [];
    times.push(entry.time);
    cycles.set(entry.watch, times);
    return;
  }
  // Deferred cycles: a checkpoint watch waiting for its fine-tune's first poll, or the stop.
  const cause = `${entry.result}: ${entry.reason ?? '?'}`;
  others.set(cause, (others.get(cause) ?? 0) + 1);
});

let peakMetrics = 0;
let peakRss = 0;
while (Date.now() - startedAt < MINUTES * 60_000 && daemon.exitCode === null) {
  await sleep(5000);
  const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then(
    (r) => r.text(),
    () => '',
  );
  peakMetrics = Math.max(peakMetrics, Buffer.byteLength(metrics));
  if (daemon.pid !== undefined && daemon.exitCode === null)
    peakRss = Math.max(peakRss, memoryOf(daemon.pid).rss);
}
const { peak } = daemon.pid !== undefined && daemon.exitCode === null ? memoryOf(daemon.pid) : { peak: 0 };
daemon.kill('SIGTERM');
await new Promise((resolve) => daemon.once('exit', resolve));

const watches = ACCOUNTS * KINDS.length;
const stoppedAt = Date.now();
// Every watch's scheduler fires once per interval; the polls of one interval form a burst. A watch
// "polled within its interval" has a committed cycle in every burst, and a burst ends before the next.
const all = [...cycles.values()].flat().sort((a, b) => a - b);
const bursts: number[] = [];
for (const [i, time] of all.entries()) if (i === 0 || time - (all[i - 1] ?? 0) > 15_000) bursts.push(time);
const complete = bursts.filter((start) => stoppedAt - start > INTERVAL_MS / 2);
const lags: number[] = [];
const steadyLags: number[] = [];
let missed = 0;
const gaps: number[] = [];
for (const times of cycles.values()) {
  for (const time of times) {
    const burst = bursts.findLast((start) => start <= time) ?? time;
    lags.push(time - burst);
    // After the first interval, whose cycles are every watch's baseline.
    if (burst !== bursts[0]) steadyLags.push(time - burst);
  }
  for (const start of complete) if (!times.some((t) => t >= start && t < start + INTERVAL_MS)) missed += 1;
  for (let i = 1; i < times.length; i++) gaps.push((times[i] ?? 0) - (times[i - 1] ?? 0));
}
lags.sort((a, b) => a - b);
steadyLags.sort((a, b) => a - b);
gaps.sort((a, b) => a - b);
const s = (value: number) => `${(value / 1000).toFixed(1)} s`;
out(
  table(
    ['figure', 'value'],
    [
      ['watches with a committed cycle', `${int(cycles.size)} of ${int(watches)}`],
      ['committed cycles', int(all.length)],
      ['intervals (bursts) seen, complete', `${bursts.length}, ${complete.length}`],
      ['watch-intervals without a cycle', `${int(missed)} of ${int(watches * complete.length)}`],
      [
        'cycle start after its burst began (p50 / p99 / max)',
        `${s(percentile(lags, 50))} / ${s(percentile(lags, 99))} / ${s(lags.at(-1) ?? 0)}`,
      ],
      [
        '… after the first interval (p50 / p99 / max)',
        `${s(percentile(steadyLags, 50))} / ${s(percentile(steadyLags, 99))} / ${s(steadyLags.at(-1) ?? 0)}`,
      ],
      ["gap between a watch's cycles (p50 / max)", `${s(percentile(gaps, 50))} / ${s(gaps.at(-1) ?? 0)}`],
      ['other cycle results', others.size === 0 ? 'none' : JSON.stringify(Object.fromEntries(others))],
      ['/metrics size (largest seen)', `${int(peakMetrics)} bytes`],
      ['RSS (largest sampled / VmHWM)', `${mb(peakRss)} / ${mb(peak)}`],
    ],
  ),
);
await sim.close();
await redis.cleanup();
rmSync(dir, { recursive: true, force: true });
