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
  const [{ loadConfig, secretsOf }, { registerSecrets }] = await Promise.all([
    import('../config/index.js'),
    import('../core/secrets.js'),
  ]);
  const flag = typeof values.config === 'string' ? values.config : undefined;
  const loaded = loadConfig(flag, io.env);
  // From here on, no log line, error or message can carry a configured secret.
  registerSecrets(secretsOf(loaded.config));
  return loaded;
}
