import { type DashScopeClient, DashScopeError } from '../dashscope/index.js';
import type { JobsApi, ListKind } from '../kinds/scan/jobs-api.js';

const ITEMS_KEY = { fine_tune: 'jobs', model_import: 'list', compression: 'jobs' } as const;

/** A 404 `NotFound` means the job is gone; other 404s (an unknown workspace) are failures. */
function isGone(error: unknown): boolean {
  return error instanceof DashScopeError && error.httpStatus === 404 && error.code === 'NotFound';
}

async function orNullWhenGone<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (isGone(error)) return null;
    throw error;
  }
}

/** Adapts the DashScope client to what pollers need. */
export function jobsApiFromClient(client: DashScopeClient): JobsApi {
  const details: Record<ListKind, (id: string, signal: AbortSignal) => Promise<{ output: unknown }>> = {
    fine_tune: (id, signal) => client.getFineTune(id, signal),
    model_import: (id, signal) => client.getImport(id, signal),
    compression: (id, signal) => client.getCompression(id, signal),
  };
  return {
    async list(kind, query, signal) {
      const { output } = await client.list(kind, query, signal);
      const items = (output as unknown as Record<string, unknown>)[ITEMS_KEY[kind]];
      return { items: Array.isArray(items) ? items : [], total: output.total };
    },
    async detail(kind, id, signal) {
      const result = await orNullWhenGone(() => details[kind](id, signal));
      return result?.output ?? null;
    },
    async checkpoints(fineTuneId, signal) {
      const result = await orNullWhenGone(() => client.listCheckpoints(fineTuneId, signal));
      return result?.output ?? null;
    },
    get requestCount() {
      return client.requestCount;
    },
  };
}
