import { Agent } from 'undici';
import type { Logger } from '../core/logger.js';
import type { Watch } from '../core/watch.js';
import { createDashScopeClient, type DashScopeClient } from '../dashscope/index.js';
import type { JobsApi } from '../kinds/scan/jobs-api.js';
import { jobsApiFromClient } from './client-jobs-api.js';

/**
 * One DashScope client per watch, so its request count is the watch's own (cycles of one account's
 * kinds run side by side), all sending through one connection pool: undici keeps a pool per origin
 * with no cap on connections, so a slow list of one kind does not queue behind another's, and a
 * thousand watches do not cost a thousand pools.
 */
export class ClientPool {
  private readonly clients = new Map<string, { client: DashScopeClient; api: JobsApi; connection: string }>();
  private readonly dispatcher = new Agent();

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs?: number,
  ) {}

  api(watch: Watch): JobsApi {
    let entry = this.clients.get(watch.id);
    // A reloaded configuration may have given the account another key, region or host.
    const connection = JSON.stringify(watch.connection);
    if (entry !== undefined && entry.connection !== connection) {
      void entry.client.close();
      entry = undefined;
    }
    if (entry === undefined) {
      const client = createDashScopeClient({
        ...watch.connection,
        dispatcher: this.dispatcher,
        logger: this.logger.child({ account: watch.account, kind: watch.kind }),
        ...(this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs }),
      });
      entry = { client, api: jobsApiFromClient(client), connection };
      this.clients.set(watch.id, entry);
    }
    return entry.api;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map(({ client }) => client.close()));
    this.clients.clear();
    await this.dispatcher.close();
  }
}
