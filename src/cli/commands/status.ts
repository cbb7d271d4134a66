import { watchesOf } from '../../config/index.js';
import { formatDuration } from '../../core/duration.js';
import { isTerminal } from '../../core/types.js';
import { connectRedis } from '../../redis/connect-once.js';
import { SnapshotStore } from '../../store/index.js';
import { isFresh, watchHealth } from '../../watch/watch-health.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTION, configFor } from '../load-config.js';

const DAY_MS = 86_400_000;

export const statusCommand: Command = {
  name: 'status',
  summary: 'show the watched jobs and each watch’s health, from the snapshots in Redis',
  usage: 'status [--config FILE] [--json] [--all]',
  options: { ...CONFIG_OPTION, json: { type: 'boolean' }, all: { type: 'boolean' } },
  optionHelp: {
    ...CONFIG_HELP,
    json: 'print JSON instead of tables',
    all: 'list every job, not only live ones and those that changed in the last day',
  },
  async run(values, _positionals, io) {
    const { config } = configFor(values, io);
    const redis = await connectRedis(config.redis.url);
    try {
      const store = new SnapshotStore(redis, config.redis.prefix);
      const now = new Date();
      const report = [];
      for (const watch of watchesOf(config)) {
        const health = await watchHealth(store, watch);
        const entries = await store.loadAll(watch.id);
        const jobs = [...entries]
          .filter(([, e]) => values.all || !isTerminal(e.s) || now.getTime() - Date.parse(e.chg) < DAY_MS)
          .map(([id, e]) => ({
            kind: watch.kind,
            id,
            name: e.n ?? '',
            status: e.s,
            rawStatus: e.r,
            ageInStatusMs: Math.max(0, now.getTime() - Date.parse(e.since)),
            lastChange: e.chg,
          }))
          .sort((a, b) => b.lastChange.localeCompare(a.lastChange));
        report.push({
          watch: watch.id,
          account: watch.account,
          kind: watch.kind,
          health: health.failing ? 'failing' : isFresh(health, now) ? 'ok' : 'stale',
          consecutiveFailures: health.failures,
          lastCycleOk: health.lastOkAt ?? null,
          trackedJobs: entries.size,
          jobs,
        });
      }
      if (values.json) io.out(JSON.stringify({ generatedAt: now.toISOString(), watches: report }, null, 2));
      else printTables(report, io.out);
      return EXIT_OK;
    } finally {
      redis.disconnect();
    }
  },
};

type Report = {
  watch: string;
  health: string;
  consecutiveFailures: number;
  lastCycleOk: string | null;
  trackedJobs: number;
  jobs: {
    kind: string;
    id: string;
    name: string;
    status: string;
    ageInStatusMs: number;
    lastChange: string;
  }[];
}[];

function printTables(report: Report, out: (line: string) => void): void {
  for (const watch of report) {
    out(
      `${watch.watch}: ${watch.health}, last good cycle ${watch.lastCycleOk ?? 'never'}, ` +
        `${watch.consecutiveFailures} failures in a row, ${watch.trackedJobs} jobs tracked`,
    );
    for (const job of watch.jobs) {
      const name = printable(job.name).slice(0, 40);
      out(
        `  ${job.status.padEnd(10)} ${formatDuration(job.ageInStatusMs).padEnd(9)} ${job.id}  ${name}  (changed ${job.lastChange})`,
      );
    }
  }
}

/** API text stripped of control characters, so a job name cannot drive the terminal. */
function printable(text: string): string {
  return [...text]
    .map((char) => ((char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f' ? ' ' : char))
    .join('');
}
