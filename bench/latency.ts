/**
 * Notification latency: from a status change in the simulator to the Slack sink receiving the message
 * that names the job, through the whole daemon (scheduler, poll, diff, commit, notify queue, routing,
 * batching, rate gate, webhook post).
 * Run: node --import tsx bench/latency.ts [--quick] [--changes 1000] [--seconds 60] [--private-redis]
 */
import { parseArgs } from 'node:util';
import { parseConfigText } from '../src/config/index.js';
import { createLogger } from '../src/core/logger.js';
import { watchId } from '../src/core/watch.js';
import { startDaemon } from '../src/daemon/daemon.js';
import { startSimulator } from '../src/dev/simulator/index.js';
import { type SlackSink, startSlackSink } from '../src/dev/sinks/index.js';
import { benchRedis, int, machineHeader, percentile, sleep, table } from './support.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    changes: { type: 'string' },
    seconds: { type: 'string' },
    'private-redis': { type: 'boolean', default: false },
  },
});
const CHANGES = Number(values.changes ?? (values.quick ? 200 : 1000));
const SECONDS = Number(values.seconds ?? (values.quick ? 15 : 60));
const INTERVAL_MS = 1000;
const HISTORY_PER_KIND = 1000;
const KEY = 'sk-bench-latency';
const KINDS = ['fine_tune', 'model_import', 'compression'] as const;
const DONE: Record<'fine_tune' | 'model_import' | 'compression', string> = {
  fine_tune: 'SUCCEEDED',
  model_import: 'SUCCESSED',
  compression: 'SUCCEEDED',
};

/** Every combination is a channel of one daemon: the same changes, measured four ways at once. */
const CHANNELS = [
  { name: 'gw0-min0', groupWait: '0ms', minInterval: '0ms' },
  { name: 'gw0-min1s', groupWait: '0ms', minInterval: '1s' },
  { name: 'gw1s-min0', groupWait: '1s', minInterval: '0ms' },
  { name: 'gw1s-min1s', groupWait: '1s', minInterval: '1s' },
] as const;

const bench = await benchRedis('latency', values['private-redis']);
process.stdout.write(`${await machineHeader(bench.client, 'dashwatch notification latency')}\n`);
const running = await startSimulator({ apiKeys: [KEY] });
const sim = running.sim;
const sinks = new Map<string, SlackSink>();
for (const channel of CHANNELS) sinks.set(channel.name, await startSlackSink());

// History plus the live jobs that will change, spread over the kinds; the live ones are newest.
const start = Date.now() - (HISTORY_PER_KIND + CHANGES + 600) * 1000;
const liveIds: string[] = [];
KINDS.forEach((kind, k) => {
  sim.createJobs({
    kind,
    count: HISTORY_PER_KIND,
    status: DONE[kind],
    createdAt: new Date(start).toISOString(),
  });
  const share = Math.floor(CHANGES / KINDS.length) + (k < CHANGES % KINDS.length ? 1 : 0);
  const createdAt = new Date(start + HISTORY_PER_KIND * 1000).toISOString();
  for (const job of sim.createJobs({ kind, count: share, status: 'RUNNING', createdAt }))
    liveIds.push(job.id);
});

const channelsYaml = CHANNELS.map(
  (c) =>
    `  ${c.name}: { type: slack, webhookUrl: "${sinks.get(c.name)?.url}", groupWait: ${c.groupWait}, minInterval: ${c.minInterval} }`,
).join('\n');
const config = parseConfigText(
  `
redis: { url: "${bench.url}", prefix: "${bench.prefix}" }
server: { port: 0 }
polling: { interval: ${INTERVAL_MS}ms }
accounts:
  - { name: lat, apiKey: ${KEY}, baseUrl: "${running.url}", kinds: [${KINDS.join(', ')}] }
channels:
${channelsYaml}
`,
  {},
  'bench',
);

/** When each job changed, and per channel when a post naming it arrived. */
const changedAt = new Map<string, number>();
const latencies = new Map<string, number[]>(CHANNELS.map((c) => [c.name, []]));
const posts = new Map<string, number>(CHANNELS.map((c) => [c.name, 0]));
for (const [name, sink] of sinks) {
  const waiting = new Set(liveIds);
  sink.onPost((post) => {
    const at = Date.now();
    posts.set(name, (posts.get(name) ?? 0) + 1);
    const text = JSON.stringify(post.body);
    for (const id of waiting) {
      const changed = changedAt.get(id);
      if (changed === undefined || !text.includes(id)) continue;
      latencies.get(name)?.push(at - changed);
      waiting.delete(id);
    }
  });
}

const daemon = await startDaemon(config, createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }));
try {
  // The first cycle of each watch is its silent baseline; changes count from after it.
  for (const kind of KINDS) {
    for (;;) {
      if ((await daemon.engine.store.loadView(watchId('lat', kind))).baselineDone) break;
      await sleep(100);
    }
  }
  await sleep(INTERVAL_MS);
  const order = [...liveIds].sort(() => Math.random() - 0.5);
  const spacingMs = (SECONDS * 1000) / CHANGES;
  const began = Date.now();
  for (const [i, id] of order.entries()) {
    const due = began + i * spacingMs;
    if (due > Date.now()) await sleep(due - Date.now());
    // One change in ten is a failure: the message differs, not the path.
    const kind = id.startsWith('ft-')
      ? 'fine_tune'
      : id.startsWith('quant-')
        ? 'compression'
        : 'model_import';
    sim.setStatus(id, i % 10 === 0 ? 'FAILED' : DONE[kind]);
    changedAt.set(id, Date.now());
  }
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && [...latencies.values()].some((list) => list.length < CHANGES))
    await sleep(200);
} finally {
  await daemon.stop();
  await Promise.all([running.close(), ...[...sinks.values()].map((sink) => sink.close())]);
  await bench.cleanup();
}

process.stdout.write(
  [
    `${int(CHANGES)} status changes (RUNNING → terminal, one in ten FAILED) spread evenly over ${SECONDS} s across`,
    `fine-tunes, imports and compression jobs (${int(HISTORY_PER_KIND)} finished jobs of history each), poll`,
    `interval ${INTERVAL_MS / 1000} s, default maxJobsPerMessage (20). One daemon, four Slack channels (one sink each)`,
    'receiving the same events: latency is from `setStatus` to the sink receiving the post naming the job.',
    '',
    '',
  ].join('\n'),
);
const rows = CHANNELS.map((c) => {
  const sorted = [...(latencies.get(c.name) ?? [])].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  const bound = INTERVAL_MS + 1000;
  return [
    c.groupWait,
    c.minInterval,
    `${sorted.length}/${CHANGES}`,
    posts.get(c.name) ?? 0,
    int(percentile(sorted, 50)),
    int(percentile(sorted, 95)),
    int(p99),
    int(sorted.at(-1) ?? Number.NaN),
    c.groupWait === '0ms' ? (p99 <= bound ? `met (≤ ${bound})` : `missed (> ${bound})`) : 'n/a (batching)',
  ];
});
process.stdout.write(
  `${table(
    [
      'groupWait',
      'minInterval',
      'delivered',
      'posts',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'target p99 ≤ interval + 1 s',
    ],
    rows,
  )}\n`,
);
