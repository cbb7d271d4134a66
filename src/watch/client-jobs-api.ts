import { type DashScopeClient, DashScopeError } from '../dashscope/index.js';
import type { JobsApi } from '../kinds/scan/jobs-api.js';

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
  return {
    async list(endpoint, query, signal) {
      const { output } = await client.list(endpoint, query, signal);
      return { items: output[endpoint.itemsKey] as unknown[], total: output.total };
    },
    async detail(path, signal) {
      const result = await orNullWhenGone(() => client.detail(path, signal));
      return result?.output ?? null;
    },
    async array(path, signal) {
      const result = await orNullWhenGone(() => client.array(path, signal));
      return result?.output ?? null;
    },
    get requestCount() {
      return client.requestCount;
    },
  };
}
