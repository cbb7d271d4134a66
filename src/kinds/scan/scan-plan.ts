import type { JobRecord } from '../../core/types.js';
import type { Query } from '../../dashscope/index.js';
import type { PollContext, PollResult } from '../kind.js';
import { normalizeItems } from '../normalize/items.js';
import { normalizeContext, readAll } from './list-reader.js';

/** Meta keys every list poller keeps between cycles. */
export const META_TOTAL = 'total';
export const META_FULL_AT = 'fullAt';

/** True when this cycle must read every page: first sight, unknown total, or the periodic full scan. */
export function fullScanDue(ctx: PollContext): boolean {
  const { notes: meta, baselineDone } = ctx.state;
  const fullAt = meta[META_FULL_AT];
  if (!baselineDone || meta[META_TOTAL] === undefined || fullAt === undefined) return true;
  return ctx.now.getTime() - Date.parse(fullAt) >= ctx.settings.fullScanEveryMs;
}

/** Reads every page: the only view complete enough to call a missing job removed. */
export async function fullScan(ctx: PollContext, query: Query = {}): Promise<PollResult> {
  const listing = await readAll(ctx, query);
  return {
    records: listing.records,
    complete: listing.complete,
    notFound: [],
    notes: { [META_TOTAL]: String(listing.total), [META_FULL_AT]: ctx.now.toISOString() },
    pages: listing.pages,
    fullScan: true,
  };
}

/** Hot ids not among `seen`: live jobs the pages read did not show. */
export function unseenHot(ctx: PollContext, seen: ReadonlyMap<string, JobRecord>): string[] {
  return [...ctx.state.hot.keys()].filter((id) => !seen.has(id));
}

/**
 * Fetches jobs one by one by their detail endpoint. A 404 means the job is gone; a malformed answer
 * is logged by the normalizer and leaves the job as the snapshot has it.
 */
export async function fetchDetails(
  ctx: PollContext,
  ids: readonly string[],
): Promise<{ records: JobRecord[]; notFound: string[] }> {
  const { detailPath } = ctx.kind;
  if (detailPath === undefined) throw new TypeError(`${ctx.kind.kind} has no detail endpoint`);
  const records: JobRecord[] = [];
  const notFound: string[] = [];
  for (const id of ids) {
    const raw = await ctx.api.detail(detailPath(id), ctx.signal);
    if (raw === null) {
      notFound.push(id);
      continue;
    }
    records.push(...normalizeItems(ctx.kind, [raw], normalizeContext(ctx), ctx.logger).records);
  }
  return { records, notFound };
}
