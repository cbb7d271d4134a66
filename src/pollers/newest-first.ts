import type { JobRecord } from '../core/types.js';
import type { ListKind } from './jobs-api.js';
import { isNewestFirst, PAGE_SIZE, type ReadPage, readPage } from './list-reader.js';
import type { PollContext, PollResult } from './poller.js';
import { fetchDetails, fullScan, fullScanDue, META_FULL_AT, META_TOTAL, unseenHot } from './scan-plan.js';

async function holdsKnownJob(ctx: PollContext, page: ReadPage): Promise<boolean> {
  const ids = page.records.map((record) => record.id);
  if (ids.some((id) => ctx.state.hot.has(id))) return true;
  return ids.length === 0 || (await ctx.known(ids)).size > 0;
}

/**
 * Polls a list ordered newest-first: page 1 holds every new job and, in real accounts, the live ones.
 * Reads on only while new jobs are not all covered, or while more live jobs are unseen than are worth
 * fetching one by one; falls back to a full scan when the order breaks or jobs were deleted.
 */
export async function pollNewestFirst(
  ctx: PollContext,
  kind: ListKind,
  query: Record<string, string | number> = {},
): Promise<PollResult> {
  if (fullScanDue(ctx)) return fullScan(ctx, kind, query);
  const lastTotal = Number(ctx.state.meta[META_TOTAL]);
  const seen = new Map<string, JobRecord>();
  const ordered: JobRecord[] = [];
  let page: ReadPage = await readPage(ctx, kind, 1, query);
  const total = page.total;
  let pages = 1;
  const take = (next: ReadPage) => {
    for (const record of next.records) {
      seen.set(record.id, record);
      ordered.push(record);
    }
  };
  take(page);
  const fallBack = (reason: string) => {
    ctx.logger.info({ watch: ctx.watch.id, reason }, 'falling back to a full scan');
    return fullScan(ctx, kind, query);
  };
  if (total < lastTotal) return fallBack('jobs were removed');
  const added = total - lastTotal;
  const moreToRead = () => page.itemCount === PAGE_SIZE && pages * PAGE_SIZE < total;
  const needMore = () =>
    pages * PAGE_SIZE < added || unseenHot(ctx, seen).length > ctx.settings.maxDetailFetches;
  const readNext = async () => {
    page = await readPage(ctx, kind, pages + 1, query);
    pages++;
    take(page);
  };
  while (needMore() && moreToRead()) await readNext();
  // Jobs deleted in the same interval hide new ones behind the net change in total: read on until a
  // page shows a job the snapshot already holds.
  while (added > 0 && moreToRead() && !(await holdsKnownJob(ctx, page))) await readNext();
  if (!isNewestFirst(ordered)) return fallBack('list is not newest-first');
  const complete = !moreToRead() && seen.size === total;
  const details = await fetchDetails(ctx, kind, unseenHot(ctx, seen));
  return {
    records: [...seen.values(), ...details.records],
    complete: complete && details.notFound.length === 0,
    notFound: details.notFound,
    meta: {
      [META_TOTAL]: String(total),
      [META_FULL_AT]: ctx.state.meta[META_FULL_AT] ?? ctx.now.toISOString(),
    },
    pages,
    fullScan: false,
  };
}
