import type { Config } from '../config/index.js';
import type { Logger } from '../core/logger.js';
import { createDashScopeClient, type DashScopeClient } from '../dashscope/index.js';
import type { LogTailReader } from '../delivery/index.js';
import { readLogs, tailOffset } from '../jobs/index.js';

/** A `LogTailReader` over the configured accounts, and how to release its connections. */
export interface LogTails {
  read: LogTailReader;
  close(): Promise<void>;
}

/**
 * Reads failed jobs' logs with a client per account of its own: a few quick retries inside the
 * caller's deadline instead of the poller's two-minute budget, and no share of the poller's slots.
 */
export function logTailReader(config: Config, logger: Logger): LogTails {
  const clients = new Map<string, DashScopeClient>();
  const client = (name: string): DashScopeClient => {
    let found = clients.get(name);
    if (found !== undefined) return found;
    const account = config.accounts.find((candidate) => candidate.name === name);
    if (account === undefined) throw new Error(`no account named "${name}"`);
    found = createDashScopeClient({
      apiKey: account.apiKey,
      ...(account.region && { region: account.region }),
      ...(account.baseUrl && { baseUrl: account.baseUrl }),
      ...(account.workspace && { workspace: account.workspace }),
      timeoutMs: config.delivery.failureLogTimeout,
      retry: {
        maxAttempts: 3,
        baseDelayMs: 200,
        maxDelayMs: 1000,
        budgetMs: config.delivery.failureLogTimeout,
      },
      logger: logger.child({ account: name, purpose: 'failure-log' }),
    });
    clients.set(name, found);
    return found;
  };
  return {
    async read(job, lines, signal) {
      const api = client(job.account);
      const offset = await tailOffset(api, job.id, lines, signal);
      const chunk = await readLogs(api, job.id, offset, lines, signal);
      return { lines: chunk.lines, total: chunk.total };
    },
    async close() {
      await Promise.all([...clients.values()].map((c) => c.close()));
      clients.clear();
    },
  };
}
