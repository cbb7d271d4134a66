import { startDaemon } from '../../daemon/daemon.js';
import { exitOnSignals } from '../../daemon/signals.js';
import type { Command } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTION, configFor } from '../load-config.js';
import { commandLogger } from '../logger.js';

export const startCommand: Command = {
  name: 'start',
  summary: 'run the daemon: poll the configured accounts and deliver notifications',
  usage: 'start [--config FILE]',
  options: { ...CONFIG_OPTION },
  optionHelp: { ...CONFIG_HELP },
  async run(values, _positionals, io) {
    const { config, source } = configFor(values, io);
    const logger = commandLogger(io.env, 'info');
    const daemon = await startDaemon(config, logger);
    logger.info({ source, accounts: config.accounts.map((account) => account.name) }, 'dashwatch started');
    exitOnSignals(() => daemon.stop(), logger);
    await new Promise(() => {});
    return 0;
  },
};
