import type { Logger } from '../core/logger.js';
import type { AccountConnection } from '../core/watch.js';
import { createDashScopeClient, type DashScopeClient } from '../dashscope/index.js';
import { jobsApiFromClient } from '../pollers/client-jobs-api.js';
import type { JobsApi } from '../pollers/index.js';

/** One DashScope client per account, shared by that account's watches (one connection pool). */
export class ClientPool {
  private readonly clients = new Map<string, { client: DashScopeClient; api: JobsApi }>();

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs?: number,
  ) {}

  api(account: string, connection: AccountConnection): JobsApi {
    let entry = this.clients.get(account);
    if (entry === undefined) {
      const client = createDashScopeClient({
        ...connection,
        logger: this.logger.child({ account }),
        ...(this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs }),
      });
      entry = { client, api: jobsApiFromClient(client) };
      this.clients.set(account, entry);
    }
    return entry.api;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map(({ client }) => client.close()));
    this.clients.clear();
  }
}
