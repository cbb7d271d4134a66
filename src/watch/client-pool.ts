import type { Logger } from '../core/logger.js';
import type { Watch } from '../core/watch.js';
import { createDashScopeClient, type DashScopeClient } from '../dashscope/index.js';
import type { JobsApi } from '../kinds/scan/jobs-api.js';
import { jobsApiFromClient } from './client-jobs-api.js';

/**
 * One DashScope client per watch: its request count is then the watch's own (cycles of one account's
 * kinds run side by side), and a slow list of one kind does not queue behind another's.
 */
export class ClientPool {
  private readonly clients = new Map<string, { client: DashScopeClient; api: JobsApi }>();

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs?: number,
  ) {}

  api(watch: Watch): JobsApi {
    let entry = this.clients.get(watch.id);
    if (entry === undefined) {
      const client = createDashScopeClient({
        ...watch.connection,
        logger: this.logger.child({ account: watch.account, kind: watch.kind }),
        ...(this.timeoutMs === undefined ? {} : { timeoutMs: this.timeoutMs }),
      });
      entry = { client, api: jobsApiFromClient(client) };
      this.clients.set(watch.id, entry);
    }
    return entry.api;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map(({ client }) => client.close()));
    this.clients.clear();
  }
}
