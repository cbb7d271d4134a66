import type { LoadedConfig } from '../config/index.js';
import type { CommandIo } from './command.js';

export const CONFIG_OPTION = { config: { type: 'string', short: 'c' } } as const;
export const CONFIG_HELP = {
  config: 'config file (default: $DASHWATCH_CONFIG, else config/dashwatch.yaml, else env-only)',
};

/**
 * The configuration a command runs on; a ConfigError propagates for the CLI to print and exit 2.
 * Loaded on demand, like everything heavy a command uses: `--help` loads none of it.
 */
export async function configFor(values: Record<string, unknown>, io: CommandIo): Promise<LoadedConfig> {
  const { loadConfig } = await import('../config/index.js');
  const flag = typeof values.config === 'string' ? values.config : undefined;
  return loadConfig(flag, io.env);
}
