import type { JobRecord } from '../../core/types.js';
import type { Query } from '../../dashscope/index.js';
import type { PollContext, PollResult } from '../kind.js';
import { isNewestFirst, PAGE_SIZE, type ReadPage, readAll, readPage } from './list-reader.js';
import { fetchDetails, fullScan, fullScanDue, META_FULL_AT, META_TOTAL, unseenHot } from './scan-plan.js';

/** Meta: the newest job the last cycle saw. */
const META_HEAD = 'head';

/**
 * The records worth diffing: jobs newer than the last cycle's newest (new), live ones, and any that
 * share the old newest's creation second (the API orders ties as it likes). The finished jobs behind
 * them cannot change, and leaving them out spares a snapshot lookup per cycle. When the count of new
 * jobs does not match the change in total (deletions, odd clocks), or there is no marker on the pages
 * read, or the listing is complete (it proves removals): all of them.
 */
function relevant(
  ctx: PollContext,
  ordered: readonly JobRecord[],
  seen: ReadonlyMap<string, JobRecord>,
  marker: { head?: string; added: number; complete: boolean },
): Iterable<JobRecord> {
  const headAt = ordered.findIndex((record) => record.id === marker.head);
  if (marker.complete || headAt < 0 || headAt !== marker.added) return seen.values();
  const headCreated = ordered[headAt]?.createdAt;
  const picked = new Map(ordered.slice(0, headAt).map((record) => [record.id, record]));
  for (const record of ordered.slice(headAt)) {
    if (ctx.state.hot.has(record.id) || record.createdAt === headCreated) picked.set(record.id, record);
  }
  return picked.values();
}

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
  query: Query = {},
  /** Raw live statuses the list can filter by: live jobs far back in history are found through them. */
  liveStatuses: readonly string[] = [],
): Promise<PollResult> {
  const scanAll = async () => {
    const result = await fullScan(ctx, query);
    // The list's first job is the newest: the next cycle's marker between new jobs and known ones.
    return { ...result, notes: { ...result.notes, [META_HEAD]: result.records[0]?.id ?? '' } };
  };
  if (fullScanDue(ctx)) return scanAll();
  const lastTotal = Number(ctx.state.notes[META_TOTAL]);
  const seen = new Map<string, JobRecord>();
  const ordered: JobRecord[] = [];
  let page: ReadPage = await readPage(ctx, 1, query);
  const total = page.total;
  let pages = 1;
  let liveOnPage = 0;
  const take = (next: ReadPage) => {
    liveOnPage = 0;
    for (const record of next.records) {
      seen.set(record.id, record);
      ordered.push(record);
      if (ctx.state.hot.has(record.id)) liveOnPage++;
    }
  };
  take(page);
  const fallBack = (reason: string) => {
    ctx.logger.info({ watch: ctx.watch.id, reason }, 'falling back to a full scan');
    return scanAll();
  };
  if (total < lastTotal) return fallBack('jobs were removed');
  const added = total - lastTotal;
  const moreToRead = () => page.itemCount === PAGE_SIZE && pages * PAGE_SIZE < total;
  const tooManyUnseen = () => unseenHot(ctx, seen).length > ctx.settings.maxDetailFetches;
  // Paging on pays while pages are full of live jobs (they cluster at the head in real accounts);
  // when they thin out, the status filters (where the list has them) find the rest for less.
  const pagingPays = () => liveStatuses.length === 0 || liveOnPage > ctx.settings.maxDetailFetches;
  const needMore = () => pages * PAGE_SIZE < added || (tooManyUnseen() && pagingPays());
  const readNext = async () => {
    page = await readPage(ctx, pages + 1, query);
    pages++;
    take(page);
  };
  const lastHead = ctx.state.notes[META_HEAD];
  const headSeen = () => lastHead !== undefined && seen.has(lastHead);
  while (needMore() && moreToRead()) await readNext();
  // Jobs deleted in the same interval hide new ones behind the net change in total: read on until a
  // page shows a job the snapshot already holds.
  while (added > 0 && moreToRead() && !headSeen() && !(await holdsKnownJob(ctx, page))) await readNext();
  if (!isNewestFirst(ordered)) return fallBack('list is not newest-first');
  const complete = !moreToRead() && seen.size === total;
  const live = new Map<string, JobRecord>();
  if (liveStatuses.length > 0 && tooManyUnseen()) {
    for (const status of liveStatuses) {
      const listing = await readAll(ctx, { ...query, status });
      pages += listing.pages;
      for (const record of listing.records) if (!seen.has(record.id)) live.set(record.id, record);
    }
  }
  const details = await fetchDetails(ctx, unseenHot(ctx, new Map([...seen, ...live])));
  return {
    records: [
      ...relevant(ctx, ordered, seen, { head: lastHead, added, complete }),
      ...live.values(),
      ...details.records,
    ],
    complete: complete && details.notFound.length === 0,
    notFound: details.notFound,
    notes: {
      [META_TOTAL]: String(total),
      [META_FULL_AT]: ctx.state.notes[META_FULL_AT] ?? ctx.now.toISOString(),
      [META_HEAD]: ordered[0]?.id ?? lastHead ?? '',
    },
    pages,
    fullScan: false,
  };
}
