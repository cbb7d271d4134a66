import { type Watch, watchId } from '../core/watch.js';
import type { Config } from './schema.js';

/** Every watch the configuration asks for: each account × each of its kinds. */
export function watchesOf(config: Config): Watch[] {
  return config.accounts.flatMap((account) =>
    account.kinds.map((kind) => ({
      id: watchId(account.name, kind),
      account: account.name,
      kind,
      intervalMs: account.interval ?? config.polling.interval,
      timeZone: account.timeZone ?? config.timeZone,
      connection: {
        apiKey: account.apiKey,
        ...(account.region && { region: account.region }),
        ...(account.baseUrl && { baseUrl: account.baseUrl }),
        ...(account.workspace && { workspace: account.workspace }),
      },
    })),
  );
}
