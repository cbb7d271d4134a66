import type { Command } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTION, configFor } from '../load-config.js';

export const startCommand: Command = {
  name: 'start',
  summary: 'run the daemon: poll the configured accounts and deliver notifications',
  usage: 'start [--config FILE]',
  options: { ...CONFIG_OPTION },
  optionHelp: { ...CONFIG_HELP },
  async run(values, _positionals, io) {
    const { config, source } = await configFor(values, io);
    const [{ commandLogger }, { startDaemon }, { exitOnSignals, reloadOnHangup }] = await Promise.all([
      import('../logger.js'),
      import('../../daemon/daemon.js'),
      import('../../daemon/signals.js'),
    ]);
    const logger = commandLogger(io.env, 'info');
    const daemon = await startDaemon(config, logger);
    logger.info({ source, accounts: config.accounts.map((account) => account.name) }, 'dashwatch started');
    exitOnSignals(() => daemon.stop(), logger);
    // The same file (or environment) as at start, read afresh.
    reloadOnHangup(async () => daemon.reload((await configFor(values, io)).config), logger);
    await new Promise(() => {});
    return 0;
  },
};
