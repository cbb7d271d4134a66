import type { Logger } from '../core/logger.js';
import type { JobRecord } from '../core/types.js';
import { type JobsApi, KINDS, normalizeItems } from '../kinds/index.js';

/** A fine-tune's checkpoints so far. */
export interface CheckpointProgress {
  count: number;
  /** The newest checkpoint's name (`checkpoint-00040004`) and status. */
  latest?: string;
  latestStatus?: string;
}

interface ProgressContext {
  api: JobsApi;
  account: string;
  timeZone: string;
  logger: Logger;
  checkpointModels?: readonly string[];
}

/**
 * The checkpoints of a fine-tune whose model emits them (one request, no paging); undefined for other
 * jobs, which cost nothing extra. The list comes largest step first, so its head is the newest.
 */
export async function checkpointProgress(
  job: JobRecord,
  ctx: ProgressContext,
  signal: AbortSignal,
): Promise<CheckpointProgress | undefined> {
  const model = job.model ?? job.baseModel;
  if (job.kind !== 'fine_tune' || model === undefined || !ctx.checkpointModels?.includes(model))
    return undefined;
  const raw = await ctx.api.array(`/fine-tunes/${encodeURIComponent(job.id)}/checkpoints`, signal);
  const { records } = normalizeItems(KINDS.checkpoint, raw ?? [], ctx, ctx.logger);
  const [latest] = records;
  return {
    count: records.length,
    ...(latest?.name === undefined ? {} : { latest: latest.name, latestStatus: latest.status }),
  };
}
