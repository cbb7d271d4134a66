import { redisTargetSecrets } from '../core/redis-target.js';
import { channelSecretValues } from '../notifiers/index.js';
import type { Config } from './schema.js';

/** Every secret a configuration holds, in every form a peer or a library could echo it. */
export function secretsOf(config: Config): string[] {
  const values = [
    ...config.accounts.map((account) => account.apiKey),
    ...channelSecretValues(config.channels),
    config.server.token ?? '',
  ];
  values.push(...redisTargetSecrets(config.redis.target));
  // Whoever has a heartbeat URL can fake liveness: the URL and its last path segment (the token).
  if (config.heartbeatUrl !== undefined) {
    const url = new URL(config.heartbeatUrl);
    values.push(
      config.heartbeatUrl,
      url.pathname.split('/').at(-1) ?? '',
      ...urlSecrets(config.heartbeatUrl),
    );
  }
  return values.filter((value) => value !== '');
}

/** A URL's password, raw and decoded. */
function urlSecrets(value: string): string[] {
  const url = new URL(value);
  return url.password === '' ? [] : [url.password, decodeURIComponent(url.password)];
}
