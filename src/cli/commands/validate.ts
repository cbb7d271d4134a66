import type { Command } from '../command.js';
import { EXIT_OK } from '../command.js';
import { CONFIG_HELP, CONFIG_OPTION, configFor } from '../load-config.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check the configuration and say what it watches',
  usage: 'validate [--config FILE]',
  options: { ...CONFIG_OPTION },
  optionHelp: { ...CONFIG_HELP },
  async run(values, _positionals, io) {
    const { config, source } = configFor(values, io);
    const watches = config.accounts.map((account) => `${account.name}: ${account.kinds.join(', ')}`);
    io.out(`configuration OK (${source})`);
    for (const line of watches) io.out(`  account ${line}`);
    io.out(`  channels: ${Object.keys(config.channels).join(', ') || 'none'}`);
    io.out(`  digests: ${Object.keys(config.digests).join(', ') || 'none'}`);
    io.out(`  routes: ${config.routes.length}`);
    return EXIT_OK;
  },
};
