import { CHANNELS } from '../notifiers/index.js';

/** Variables that fill the same key of every env-only channel. */
const SHARED_CHANNEL_VARS = { groupWait: 'NOTIFY_GROUP_WAIT' } as const;

/** Env variables of env-only mode, and the config key each one fills (for error messages). */
export const ENV_KEYS: Record<string, string> = {
  'accounts[0].apiKey': 'DASHSCOPE_API_KEY',
  'accounts[0].region': 'DASHSCOPE_REGION',
  'accounts[0].baseUrl': 'DASHSCOPE_BASE_URL',
  'accounts[0].workspace': 'DASHSCOPE_WORKSPACE',
  'redis.url': 'REDIS_URL',
  'redis.prefix': 'DASHWATCH_REDIS_PREFIX',
  'redis.replicaWait': 'DASHWATCH_REDIS_REPLICA_WAIT',
  ...Object.fromEntries(
    CHANNELS.flatMap(({ env }) =>
      Object.entries({ ...env.vars, ...SHARED_CHANNEL_VARS }).map(([key, name]) => [
        `channels.${env.name}.${key}`,
        name as string,
      ]),
    ),
  ),
  'polling.interval': 'POLL_INTERVAL',
  'digests.daily.cron': 'DIGEST_CRON',
  'digests.daily.channel': 'DIGEST_CHANNEL',
  timeZone: 'DASHWATCH_TZ',
  locale: 'DASHWATCH_LOCALE',
  'server.port': 'DASHWATCH_PORT',
  failureLogLines: 'FAILURE_LOG_LINES',
  'server.host': 'DASHWATCH_HOST',
  'server.token': 'DASHWATCH_HTTP_TOKEN',
  'server.metrics': 'DASHWATCH_METRICS',
};

function set(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The configuration of env-only mode (no file): one account watching all four kinds, Slack and/or
 * email when their variables are set, a daily digest when mail can be sent, and the default routes.
 */
export function configFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const account: Record<string, unknown> = { name: 'default', apiKey: set(env, 'DASHSCOPE_API_KEY') };
  for (const [key, name] of [
    ['region', 'DASHSCOPE_REGION'],
    ['baseUrl', 'DASHSCOPE_BASE_URL'],
    ['workspace', 'DASHSCOPE_WORKSPACE'],
  ] as const) {
    const value = set(env, name);
    if (value !== undefined) account[key] = value;
  }
  const channels = channelsFromEnv(env);
  const config: Record<string, unknown> = { accounts: [account], channels };
  // The daily digest goes where DIGEST_CHANNEL says (any env-only channel: `dingtalk`, `feishu`, …),
  // else by mail when mail can be sent.
  const mail = CHANNELS.find((channel) => channel.defaultRouting === 'mail')?.env.name;
  const digestChannel =
    set(env, 'DIGEST_CHANNEL') ?? (mail !== undefined && channels[mail] !== undefined ? mail : undefined);
  if (digestChannel !== undefined) {
    config.digests = { daily: { channel: digestChannel, cron: set(env, 'DIGEST_CRON') ?? '0 9 * * *' } };
  }
  const locale = set(env, 'DASHWATCH_LOCALE');
  if (locale !== undefined) config.locale = locale;
  const timeZone = set(env, 'DASHWATCH_TZ');
  if (timeZone !== undefined) config.timeZone = timeZone;
  const redisUrl = set(env, 'REDIS_URL');
  // Lets several dashwatch deployments (or test runs) share one Redis without seeing each
  // other's keys; the YAML equivalent is `redis.prefix`. Default `dashwatch`.
  const redisPrefix = set(env, 'DASHWATCH_REDIS_PREFIX');
  const replicaWait = set(env, 'DASHWATCH_REDIS_REPLICA_WAIT');
  if (redisUrl !== undefined || redisPrefix !== undefined || replicaWait !== undefined) {
    config.redis = {
      ...(redisUrl !== undefined && { url: redisUrl }),
      ...(redisPrefix !== undefined && { prefix: redisPrefix }),
      ...(replicaWait !== undefined && { replicaWait }),
    };
  }
  const interval = set(env, 'POLL_INTERVAL');
  if (interval !== undefined) config.polling = { interval };
  const server: Record<string, unknown> = {};
  const logLines = set(env, 'FAILURE_LOG_LINES');
  if (logLines !== undefined) config.failureLogLines = Number(logLines);
  const port = set(env, 'DASHWATCH_PORT');
  if (port !== undefined) server.port = Number(port);
  for (const [key, name] of [
    ['host', 'DASHWATCH_HOST'],
    ['token', 'DASHWATCH_HTTP_TOKEN'],
    ['metrics', 'DASHWATCH_METRICS'],
  ] as const) {
    const value = set(env, name);
    if (value !== undefined) server[key] = value;
  }
  if (Object.keys(server).length > 0) config.server = server;
  return config;
}

/** One channel per type whose variables are set, named as the type says (`slack`, `email`, …). */
function channelsFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const groupWait = set(env, SHARED_CHANNEL_VARS.groupWait);
  for (const { type, env: spec } of CHANNELS) {
    const vars = spec.vars as Record<string, string>;
    if (!(spec.when as readonly string[]).some((key) => set(env, vars[key] ?? '') !== undefined)) continue;
    const channel: Record<string, unknown> = { type, ...spec.defaults };
    for (const [key, name] of Object.entries(vars)) {
      const value = set(env, name);
      if (value === undefined) continue;
      channel[key] = (spec.lists as readonly string[] | undefined)?.includes(key)
        ? value.split(',').map((item) => item.trim())
        : value;
    }
    if (groupWait !== undefined) channel.groupWait = groupWait;
    channels[spec.name] = channel;
  }
  return channels;
}
