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
    const { config, source } = await configFor(values, io);
    const { ConfigError, serverAccessProblem } = await import('../../config/index.js');
    const problem = serverAccessProblem(config.server);
    if (problem !== undefined) throw new ConfigError([problem], source);
    const watches = config.accounts.map((account) => `${account.name}: ${account.kinds.join(', ')}`);
    io.out(`configuration OK (${source})`);
    for (const line of watches) io.out(`  account ${line}`);
    io.out(`  channels: ${Object.keys(config.channels).join(', ') || 'none'}`);
    io.out(`  digests: ${Object.keys(config.digests).join(', ') || 'none'}`);
    io.out(`  routes (${config.routes.length}):`);
    for (const route of config.routes) {
      const match = Object.entries(route.match)
        .map(([key, values]) => `${key}=${(values as string[]).join('|')}`)
        .join(' ');
      const to = [...route.channels, ...route.digests.map((digest) => `digest:${digest}`)].join(', ');
      io.out(`    ${match || 'everything'} → ${to || 'nowhere'}`);
    }
    return EXIT_OK;
  },
};
