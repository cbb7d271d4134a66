import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument, type YAMLError } from 'yaml';
import { ConfigError } from './config-error.js';
import { configFromEnv, ENV_KEYS } from './env-config.js';
import { interpolate } from './interpolate.js';
import { safeParseWithProblems } from './issues.js';
import { type Config, configSchema } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'config/dashwatch.yaml';

/** No configuration is anywhere near this big; a bigger file is a mistake, or an attack on the parser. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

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
    const { size } = statSync(file);
    if (size > MAX_CONFIG_BYTES) {
      throw new ConfigError([`the file is ${size} bytes; a configuration may be at most 1 MB`], file);
    }
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([code === 'ENOENT' ? 'file not found' : `cannot read the file (${code})`], file);
  }
}

/** Parses YAML text, interpolates `${VAR}` references from `env`, and validates. */
export function parseConfigText(text: string, env: NodeJS.ProcessEnv, source: string): Config {
  if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) {
    throw new ConfigError(['the configuration is larger than 1 MB'], source);
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) throw new ConfigError(document.errors.map(yamlProblem), source);
  const unset: string[] = [];
  const raw = interpolate(toPlain(document, source), env, unset);
  return validate(raw, source, {}, unset);
}

/** The document's data; aliases that expand past the parser's limit (an "alias bomb") are a problem, not a crash. */
function toPlain(document: ReturnType<typeof parseDocument>, source: string): unknown {
  try {
    return document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new ConfigError(['(root): YAML aliases expand too far (more than 100 references)'], source);
    }
    throw new ConfigError([`(root): YAML error: ${(error as Error).message.split('\n')[0]}`], source);
  }
}

/** `line 5, column 1: YAML syntax error: …`, without the source excerpt (it may hold a secret). */
function yamlProblem(error: YAMLError): string {
  const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
  const at = error.linePos?.[0];
  return `${at ? `line ${at.line}, column ${at.col}` : '(root)'}: YAML syntax error: ${message}`;
}

/**
 * Validates, and throws one ConfigError with every problem: `earlier` ones (unset variables) first,
 * then the schema's, except those about a key already reported.
 */
function validate(
  raw: unknown,
  source: string,
  keyNames: Record<string, string> = {},
  earlier: readonly string[] = [],
): Config {
  const parsed = safeParseWithProblems(configSchema, raw);
  if (parsed.success && earlier.length === 0) return parsed.data;
  const reported = new Set(earlier.map(keyOf));
  const lines = (parsed.success ? [] : parsed.problems)
    .filter((line) => !reported.has(keyOf(line)))
    .map((line) => {
      const key = keyOf(line);
      // `channels.email.to[0]` was filled by EMAIL_TO: name the variable, not the key.
      const envName = keyNames[key] ?? keyNames[key.replace(/\[\d+\]$/, '')];
      return envName === undefined ? line : `${envName}${line.slice(key.length)}`;
    });
  // One variable can fill several keys (NOTIFY_GROUP_WAIT): say it once.
  throw new ConfigError([...new Set([...earlier, ...lines])], source);
}

const keyOf = (line: string) => line.slice(0, line.indexOf(':'));
