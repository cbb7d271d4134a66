import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from './config-error.js';
import { configFromEnv, ENV_KEYS } from './env-config.js';
import { interpolate } from './interpolate.js';
import { formatIssues } from './issues.js';
import { type Config, configSchema } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'config/dashwatch.yaml';

/** Where the configuration comes from: `--config`, else DASHWATCH_CONFIG, else the default file, else env. */
export function configFile(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): string | undefined {
  const chosen = flag ?? (env.DASHWATCH_CONFIG || undefined);
  if (chosen !== undefined) return resolve(cwd, chosen);
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? fallback : undefined;
}

export interface LoadedConfig {
  config: Config;
  /** The file read, or `environment`. */
  source: string;
}

/** Loads and validates the configuration; throws ConfigError listing every problem at once. */
export function loadConfig(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const file = configFile(flag, env);
  if (file === undefined)
    return { config: validate(configFromEnv(env), 'environment', ENV_KEYS), source: 'environment' };
  return { config: parseConfigText(readConfigFile(file), env, file), source: file };
}

function readConfigFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([code === 'ENOENT' ? 'file not found' : `cannot read the file (${code})`], file);
  }
}

/** Parses YAML text, interpolates `${VAR}` references from `env`, and validates. */
export function parseConfigText(text: string, env: NodeJS.ProcessEnv, source: string): Config {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => `YAML ${error.message.split('\n')[0]}`),
      source,
    );
  }
  const problems: string[] = [];
  const raw = interpolate(document.toJS() ?? {}, env, problems);
  if (problems.length > 0) throw new ConfigError(problems, source);
  return validate(raw, source);
}

function validate(raw: unknown, source: string, keyNames: Record<string, string> = {}): Config {
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = formatIssues(parsed.error).map((line) => {
    const key = line.slice(0, line.indexOf(':'));
    // `channels.email.to[0]` was filled by EMAIL_TO: name the variable, not the key.
    const envName = keyNames[key] ?? keyNames[key.replace(/\[\d+\]$/, '')];
    return envName === undefined ? line : `${envName}${line.slice(key.length)}`;
  });
  throw new ConfigError(lines, source);
}
