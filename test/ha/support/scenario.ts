import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRedisUrl } from '../../../src/core/redis-target.js';
import { watchId } from '../../../src/core/watch.js';
import { startSimulator } from '../../../src/dev/simulator/index.js';
import { startSlackSink, startSmtpSink } from '../../../src/dev/sinks/index.js';
import type { RedisClient } from '../../../src/redis/client.js';
import { closeRedis, createRedis } from '../../../src/redis/connection.js';
import { SnapshotStore } from '../../../src/store/index.js';
import { Driver, KINDS } from '../../chaos/driver.js';
import { mailKeys, slackKeys, type Tally, tally } from '../../chaos/received.js';
import { type EngineProcess, killAll, spawnLoggedCli, waitUntil } from '../../support/engine-process.js';

export const LONG = process.env.HA_LONG === '1';
export const INTERVAL_MS = 1000;
const ACCOUNT = 'ha';
const API_KEY = 'sk-sim-ha-0123456789';
const PREFIX = 'ha';
/** Intervals of steady polling over which the two processes' polls are counted. */
const COUNTED_INTERVALS = 5;

export interface ScenarioPlan {
  lanes: number;
  /** How long jobs keep changing. */
  driveMs: number;
  /** Failovers, spread over the drive. */
  failovers: number;
}

export interface Failover {
  /** From the SIGKILL to the topology serving again (a replica promoted). */
  failoverMs: number;
  /** From the SIGKILL to the first committed cycle of every watch. */
  resumeMs: number;
}

export interface ScenarioResult {
  changes: number;
  slack: Tally;
  email: Tally;
  /** Polls of each watch over `COUNTED_INTERVALS` steady intervals, both processes together. */
  pollsPerWatch: { watch: string; polls: number; perProcess: number[] }[];
  countedIntervals: number;
  failovers: Failover[];
  settled: boolean;
  daemons: EngineProcess[];
}

/**
 * Two daemons (`dashwatch start`, as users run it) against `url` while jobs change on the simulator
 * and `kill` takes a master down mid-drive; every expected notification is tallied on the sinks.
 * `kill` resolves once the topology serves again, with how long that took.
 */
export async function runScenario(
  dir: string,
  url: string,
  plan: ScenarioPlan,
  kill: (store: SnapshotStore, watchIds: string[]) => Promise<{ failoverMs: number }>,
): Promise<ScenarioResult> {
  const [sim, slack, smtp] = await Promise.all([
    startSimulator({ apiKeys: [API_KEY] }),
    startSlackSink(),
    startSmtpSink(),
  ]);
  const target = parseRedisUrl(url);
  if (typeof target === 'string') throw new Error(target);
  const client: RedisClient = createRedis(target, 'ha-test');
  const daemons: EngineProcess[] = [];
  try {
    const configFile = join(dir, 'dashwatch.yaml');
    await writeFile(
      configFile,
      `
redis: { url: "${url}", prefix: ${PREFIX} }
server: { port: 0 }
polling: { interval: ${INTERVAL_MS}ms, requestTimeout: 2s }
accounts:
  - { name: ${ACCOUNT}, apiKey: ${API_KEY}, baseUrl: "${sim.url}", kinds: [${KINDS.join(', ')}] }
channels:
  slack: { type: slack, webhookUrl: "${slack.url}", groupWait: 1s, minInterval: 100ms }
  mail: { type: email, smtpUrl: "${smtp.url}", from: dashwatch@example.com, to: [team@example.com], groupWait: 1s }
routes:
  - match: { types: [created, transition] }
    channels: [slack, mail]
`,
    );
    const store = new SnapshotStore(client, PREFIX);
    const watches = KINDS.map((kind) => watchId(ACCOUNT, kind));
    const driver = new Driver({
      sim: sim.sim,
      account: ACCOUNT,
      store,
      lanes: plan.lanes,
      holdMs: 3 * INTERVAL_MS,
      observeTimeoutMs: 60_000,
    });
    driver.seed();
    for (const _ of [0, 1])
      daemons.push(spawnLoggedCli(['start', '--config', configFile], { LOG_LEVEL: 'info' }));
    await waitUntil(
      async () =>
        (await Promise.all(watches.map((id) => store.loadView(id)))).every((view) => view.baselineDone),
      'the baseline of every watch',
      30_000,
    );

    // Steady polling first: both processes share each watch, once per interval between them.
    const from = Date.now() + INTERVAL_MS;
    const to = from + COUNTED_INTERVALS * INTERVAL_MS;
    const cyclesOf = (watch: string) => daemons.flatMap((daemon) => daemon.cycles(watch));
    await waitUntil(
      () => watches.every((watch) => cyclesOf(watch).some((line) => line.time >= to)),
      'a poll of every watch after the counted window',
      (COUNTED_INTERVALS + 10) * INTERVAL_MS,
    );
    const pollsPerWatch = watches.map((watch) => ({
      watch,
      polls: cyclesOf(watch).filter((line) => line.time >= from && line.time < to).length,
      perProcess: daemons.map(
        (daemon) => daemon.cycles(watch).filter((l) => l.time >= from && l.time < to).length,
      ),
    }));

    const began = Date.now();
    const failovers: Failover[] = [];
    const killer = async () => {
      for (let i = 0; i < plan.failovers; i += 1) {
        const at = began + ((i + 0.5) * plan.driveMs) / plan.failovers;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
        const killedAt = Date.now();
        const { failoverMs } = await kill(store, watches);
        await waitUntil(
          () =>
            watches.every((watch) =>
              cyclesOf(watch).some(
                (line) => line.time > killedAt + failoverMs && line.result === 'committed',
              ),
            ),
          'a committed cycle of every watch after the failover',
          60_000,
        );
        const resumed = Math.max(
          ...watches.map(
            (watch) =>
              cyclesOf(watch).find((line) => line.time > killedAt + failoverMs && line.result === 'committed')
                ?.time ?? Number.POSITIVE_INFINITY,
          ),
        );
        failovers.push({ failoverMs, resumeMs: resumed - killedAt });
      }
    };
    await Promise.all([driver.run(began + plan.driveMs), killer()]);

    // Settled: every expected notification arrived and nothing more came for a few seconds.
    const expected = driver.expected;
    let lastCount = -1;
    let lastChange = Date.now();
    const settled = await waitUntil(
      () => {
        const count = slack.received.length + smtp.received.length;
        if (count !== lastCount) [lastCount, lastChange] = [count, Date.now()];
        const arrived = [slackKeys(slack.received), mailKeys(smtp.received)].every((keys) =>
          [...expected].every((key) => keys.includes(key)),
        );
        return arrived && Date.now() - lastChange >= 3000;
      },
      'every expected notification and quiet sinks',
      30_000,
    ).then(
      () => true,
      () => false,
    );
    return {
      changes: expected.size,
      slack: tally(expected, slackKeys(slack.received)),
      email: tally(expected, mailKeys(smtp.received)),
      pollsPerWatch,
      countedIntervals: COUNTED_INTERVALS,
      failovers,
      settled,
      daemons,
    };
  } catch (error) {
    // The daemons' warnings and errors explain most failures.
    for (const [i, daemon] of daemons.entries()) {
      const lines = daemon.logs.filter((line) => line.level >= 40).slice(-40);
      const kept = join(tmpdir(), `dashwatch-ha-${process.pid}-daemon-${i}.log`);
      await writeFile(kept, daemon.logs.map((l) => JSON.stringify(l)).join('\n'));
      process.stderr.write(
        `--- daemon ${i} (every line kept in ${kept}) warnings and errors ---\n${lines.map((l) => JSON.stringify(l)).join('\n')}\n${daemon.stderr()}\n`,
      );
    }
    throw error;
  } finally {
    await killAll();
    await closeRedis(client);
    await Promise.all([sim.close(), slack.close(), smtp.close()]);
  }
}

/** The figures a run prints, for the README and the report. */
export function summary(name: string, result: ScenarioResult): string {
  const row = (label: string, t: Tally) =>
    `  ${label.padEnd(6)} expected ${t.expected}, received ${t.received}, lost ${t.lost.length}, duplicated ${t.duplicated.length}, unexpected ${t.unexpected.length}`;
  return [
    `${name} (${LONG ? 'long' : 'quick'} form): ${result.changes} changes, settled: ${result.settled}`,
    row('slack', result.slack),
    row('email', result.email),
    `  polls per watch in ${result.countedIntervals} intervals (two processes): ${result.pollsPerWatch
      .map((p) => `${p.polls} (${p.perProcess.join('+')})`)
      .join(', ')}`,
    ...result.failovers.map(
      (f, i) =>
        `  failover ${i + 1}: topology serving again after ${f.failoverMs} ms, every watch committed after ${f.resumeMs} ms`,
    ),
  ].join('\n');
}
