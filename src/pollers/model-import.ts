import type { JobRecord } from '../core/types.js';
import { isNewestFirst, isOldestFirst, PAGE_SIZE, readAll, readPage } from './list-reader.js';
import type { PollContext, Poller, PollResult } from './poller.js';
import { fetchDetails, fullScan, fullScanDue, META_FULL_AT, META_TOTAL, unseenHot } from './scan-plan.js';

/** Raw spellings of the statuses an import can still leave; the list filters on them exactly. */
const LIVE_RAW_STATUSES = ['PENDING', 'RUNNING'] as const;

/**
 * Imports can be filtered by status but their order is undocumented: live jobs come from the status
 * filters, new ones from whichever end of the list page 1 shows them to be on.
 */
async function pollImports(ctx: PollContext): Promise<PollResult> {
  if (fullScanDue(ctx)) return fullScan(ctx, 'model_import');
  const lastTotal = Number(ctx.state.meta[META_TOTAL]);
  const seen = new Map<string, JobRecord>();
  const first = await readPage(ctx, 'model_import', 1);
  let pages = 1;
  for (const record of first.records) seen.set(record.id, record);
  if (first.total < lastTotal) return fullScan(ctx, 'model_import');
  const added = first.total - lastTotal;
  if (
    added > 0 &&
    !(await readNewJobs(ctx, first.records, lastTotal, first.total, seen, (n) => (pages += n)))
  ) {
    ctx.logger.info({ watch: ctx.watch.id }, 'import list order unclear; falling back to a full scan');
    return fullScan(ctx, 'model_import');
  }
  for (const status of LIVE_RAW_STATUSES) {
    const live = await readAll(ctx, 'model_import', { status });
    pages += live.pages;
    for (const record of live.records) seen.set(record.id, record);
  }
  const details = await fetchDetails(ctx, 'model_import', unseenHot(ctx, seen));
  return {
    records: [...seen.values(), ...details.records],
    complete: false,
    notFound: details.notFound,
    meta: {
      [META_TOTAL]: String(first.total),
      [META_FULL_AT]: ctx.state.meta[META_FULL_AT] ?? ctx.now.toISOString(),
    },
    pages,
    fullScan: false,
  };
}

/**
 * Reads the pages that hold the `total - lastTotal` newest jobs. Returns false when page 1 does not
 * show which end they are at, or the pages read break that order.
 */
async function readNewJobs(
  ctx: PollContext,
  firstPage: readonly JobRecord[],
  lastTotal: number,
  total: number,
  seen: Map<string, JobRecord>,
  countPages: (n: number) => void,
): Promise<boolean> {
  const newestFirst = isNewestFirst(firstPage);
  const oldestFirst = isOldestFirst(firstPage);
  if (newestFirst === oldestFirst) return total <= PAGE_SIZE;
  const [from, to] = newestFirst
    ? [2, Math.ceil((total - lastTotal) / PAGE_SIZE)]
    : pagesHolding(lastTotal, total);
  const read: JobRecord[] = newestFirst ? [...firstPage] : [];
  for (let pageNo = from; pageNo <= to; pageNo++) {
    const page = pageNo === 1 ? { records: firstPage } : await readPage(ctx, 'model_import', pageNo);
    if (pageNo !== 1) countPages(1);
    read.push(...page.records);
  }
  for (const record of read) seen.set(record.id, record);
  return newestFirst ? isNewestFirst(read) : isOldestFirst(read);
}

/** Page numbers (inclusive) holding list positions [lastTotal, total) at PAGE_SIZE per page. */
function pagesHolding(lastTotal: number, total: number): [number, number] {
  return [Math.floor(lastTotal / PAGE_SIZE) + 1, Math.ceil(total / PAGE_SIZE)];
}

export const modelImportPoller: Poller = { kind: 'model_import', poll: pollImports };
