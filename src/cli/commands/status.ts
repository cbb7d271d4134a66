import { formatDuration } from '../../core/duration.js';
import type { StatusWatch } from '../../watch/status-report.js';
import type { Command } from '../command.js';
import { EXIT_OK } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTION, configFor } from '../load-config.js';
import { printable } from '../printable.js';

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
    const { config } = await configFor(values, io);
    const [{ watchesOf }, { connectRedis }, { SnapshotStore, SilenceStore }, { statusReport }] =
      await Promise.all([
        import('../../config/index.js'),
        import('../../redis/connect-once.js'),
        import('../../store/index.js'),
        import('../../watch/status-report.js'),
      ]);
    const redis = await connectRedis(config.redis.target);
    try {
      const now = new Date();
      const store = new SnapshotStore(redis, config.redis.prefix);
      const report = await statusReport(store, watchesOf(config), now, { all: values.all === true });
      const silences = await new SilenceStore(redis, config.redis.prefix).active(now.getTime());
      if (values.json)
        io.out(JSON.stringify({ generatedAt: now.toISOString(), watches: report, silences }, null, 2));
      else {
        printTables(report, io.out);
        if (silences.length > 0) {
          const { silenceLine } = await import('./silence.js');
          io.out(`active silences (${silences.length}):`);
          for (const silence of silences) io.out(`  ${silenceLine(silence, now.getTime())}`);
        }
      }
      return EXIT_OK;
    } finally {
      redis.disconnect();
    }
  },
};

function printTables(report: readonly StatusWatch[], out: (line: string) => void): void {
  for (const watch of report) {
    const reason =
      watch.lastError === undefined
        ? ''
        : ` (${printable(watch.lastError.code)}: ${printable(watch.lastError.message)})`;
    out(
      `${watch.watch}: ${watch.health}${reason}, last good cycle ${watch.lastCycleOk ?? 'never'}, ` +
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
