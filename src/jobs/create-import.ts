import type { Logger } from '../core/logger.js';
import type { JobRecord } from '../core/types.js';
import { type DashScopeClient, DashScopeError } from '../dashscope/index.js';
import { KINDS, normalizeItems } from '../kinds/index.js';
import type { RawImportCreateBody } from '../kinds/model-import/raw.js';

/** Where a created import belongs, for its record. */
export interface CreateImportContext {
  account: string;
  timeZone: string;
  logger: Logger;
  signal?: AbortSignal;
}

/** A created import: its record (id, generated `model_name` as `model`, status) and the request id. */
export interface CreatedImport {
  job: JobRecord;
  requestId?: string;
}

/**
 * Creates a model import: `POST /custom_models/import`, the list's own path. Sent once unless
 * throttled (see `DashScopeClient.post`); vendor refusals throw `DashScopeError` with the vendor's
 * code and message.
 */
export async function createImport(
  client: DashScopeClient,
  body: RawImportCreateBody,
  ctx: CreateImportContext,
): Promise<CreatedImport> {
  const kind = KINDS.model_import;
  const { output, requestId } = await client.post<unknown>(kind.list.path, { ...body }, ctx.signal);
  const [job] = normalizeItems(kind, [output], ctx, ctx.logger).records;
  if (job === undefined) {
    throw new DashScopeError({
      code: 'BadResponse',
      detail: 'the created import came back without a job_id or status',
      endpoint: `POST ${kind.list.path}`,
      retryable: false,
      attempts: 1,
      ...(requestId === undefined ? {} : { requestId }),
    });
  }
  return { job, ...(requestId === undefined ? {} : { requestId }) };
}
