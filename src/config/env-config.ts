/** Env variables of env-only mode, and the config key each one fills (for error messages). */
export const ENV_KEYS: Record<string, string> = {
  'accounts[0].apiKey': 'DASHSCOPE_API_KEY',
  'accounts[0].region': 'DASHSCOPE_REGION',
  'accounts[0].baseUrl': 'DASHSCOPE_BASE_URL',
  'accounts[0].workspace': 'DASHSCOPE_WORKSPACE',
  'redis.url': 'REDIS_URL',
  'redis.prefix': 'DASHWATCH_REDIS_PREFIX',
  'channels.slack.webhookUrl': 'SLACK_WEBHOOK_URL',
  'channels.slack.groupWait': 'NOTIFY_GROUP_WAIT',
  'channels.email.smtpUrl': 'SMTP_URL',
  'channels.email.from': 'EMAIL_FROM',
  'channels.email.to': 'EMAIL_TO',
  'channels.email.groupWait': 'NOTIFY_GROUP_WAIT',
  'polling.interval': 'POLL_INTERVAL',
  'digests.daily.cron': 'DIGEST_CRON',
  timeZone: 'DASHWATCH_TZ',
  'server.port': 'DASHWATCH_PORT',
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
  const groupWait = set(env, 'NOTIFY_GROUP_WAIT');
  const channels: Record<string, unknown> = {};
  const webhookUrl = set(env, 'SLACK_WEBHOOK_URL');
  if (webhookUrl !== undefined)
    channels.slack = { type: 'slack', webhookUrl, ...(groupWait && { groupWait }) };
  const smtpUrl = set(env, 'SMTP_URL');
  const to = set(env, 'EMAIL_TO');
  if (smtpUrl !== undefined || to !== undefined) {
    channels.email = {
      type: 'email',
      smtpUrl,
      from: set(env, 'EMAIL_FROM') ?? 'dashwatch <dashwatch@localhost>',
      to: to?.split(',').map((address) => address.trim()),
      ...(groupWait && { groupWait }),
    };
  }
  const config: Record<string, unknown> = { accounts: [account], channels };
  if (channels.email !== undefined) {
    config.digests = { daily: { channel: 'email', cron: set(env, 'DIGEST_CRON') ?? '0 9 * * *' } };
  }
  const timeZone = set(env, 'DASHWATCH_TZ');
  if (timeZone !== undefined) config.timeZone = timeZone;
  const redisUrl = set(env, 'REDIS_URL');
  // Lets several dashwatch deployments (or test runs) share one Redis without seeing each
  // other's keys; the YAML equivalent is `redis.prefix`. Default `dashwatch`.
  const redisPrefix = set(env, 'DASHWATCH_REDIS_PREFIX');
  if (redisUrl !== undefined || redisPrefix !== undefined) {
    config.redis = {
      ...(redisUrl !== undefined && { url: redisUrl }),
      ...(redisPrefix !== undefined && { prefix: redisPrefix }),
    };
  }
  const interval = set(env, 'POLL_INTERVAL');
  if (interval !== undefined) config.polling = { interval };
  const port = set(env, 'DASHWATCH_PORT');
  if (port !== undefined) config.server = { port: Number(port) };
  return config;
}
