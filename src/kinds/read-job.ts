import type { Logger } from '../core/logger.js';
import type { JobKind, JobRecord } from '../core/types.js';
import { DashScopeError } from '../dashscope/dashscope-error.js';
import type { JobKindDescriptor } from './kind.js';
import { normalizeItems } from './normalize/items.js';
import { JOB_KINDS, KINDS } from './registry.js';
import type { JobsApi } from './scan/jobs-api.js';

/** The kinds whose id shape `id` has: one for any id the vendor hands out, none for a typo. */
export function kindsForId(id: string): JobKind[] {
  return JOB_KINDS.filter((kind) => KINDS[kind].idShape.test(id));
}

/** Whose job it is and how to read zoneless times, as for a poll. */
export interface ReadJobContext {
  account: string;
  timeZone: string;
  logger: Logger;
  signal: AbortSignal;
}

/**
 * One job, read now and normalized like a polled one; null when the API has no such job (404, or a
 * checkpoint its fine-tune does not list). An answer too broken to normalize is a `BadResponse`.
 */
export async function readJob(
  kind: JobKindDescriptor,
  api: JobsApi,
  id: string,
  ctx: ReadJobContext,
): Promise<JobRecord | null> {
  let raw: unknown;
  if (kind.detailPath !== undefined) raw = await api.detail(kind.detailPath(id), ctx.signal);
  else if (kind.readOne !== undefined) raw = await kind.readOne(api, id, ctx.signal);
  else throw new TypeError(`${kind.kind} jobs cannot be read one by one`);
  if (raw === null) return null;
  const [record] = normalizeItems(kind, [raw], ctx, ctx.logger).records;
  if (record === undefined) {
    throw new DashScopeError({
      code: 'BadResponse',
      detail: `the ${kind.label.toLowerCase()} ${id} came back without a usable id or status`,
      endpoint: kind.detailPath?.(id) ?? kind.kind,
      retryable: false,
      attempts: 1,
    });
  }
  return record;
}
