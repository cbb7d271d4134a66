import { type LoadedConfig, loadConfig } from '../config/index.js';
import type { CommandIo } from './command.js';

export const CONFIG_OPTION = { config: { type: 'string', short: 'c' } } as const;
export const CONFIG_HELP = {
  config: 'config file (default: $DASHWATCH_CONFIG, else config/dashwatch.yaml, else env-only)',
};

/** The configuration a command runs on; a ConfigError propagates for the CLI to print and exit 2. */
export function configFor(values: Record<string, unknown>, io: CommandIo): LoadedConfig {
  const flag = typeof values.config === 'string' ? values.config : undefined;
  return loadConfig(flag, io.env);
}
