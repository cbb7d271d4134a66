import type { JobRecord } from '../../core/types.js';
import type { PollContext, PollResult } from '../kind.js';
import {
  isNewestFirst,
  isOldestFirst,
  PAGE_SIZE,
  type ReadPage,
  readAll,
  readPage,
} from '../scan/list-reader.js';
import {
  fetchDetails,
  fullScan,
  fullScanDue,
  META_FULL_AT,
  META_TOTAL,
  unseenHot,
} from '../scan/scan-plan.js';

/** Raw spellings of the statuses an import can still leave; the list filters on them exactly. */
const LIVE_RAW_STATUSES = ['PENDING', 'RUNNING'] as const;
/** The order the list was last seen in: `asc`, `desc` or '' (not shown). */
const META_ORDER = 'order';

type Direction = 'asc' | 'desc';

/**
 * Imports can be filtered by status but their order is undocumented: live jobs come from the status
 * filters, new ones from whichever end of the list the pages read show to be the newest.
 */
export async function pollImports(ctx: PollContext): Promise<PollResult> {
  if (fullScanDue(ctx)) return scanAll(ctx);
  const lastTotal = Number(ctx.state.notes[META_TOTAL]);
  // An ascending list keeps its newest jobs on the last page: start there, not on page 1.
  const startPage = ctx.state.notes[META_ORDER] === 'asc' ? Math.max(1, Math.ceil(lastTotal / PAGE_SIZE)) : 1;
  const first = await readPage(ctx, startPage);
  if (first.total < lastTotal) return scanAll(ctx);
  const newest = await readNewest(ctx, startPage, first, lastTotal);
  if (newest === undefined) {
    ctx.logger.info({ watch: ctx.watch.id }, 'import list order unclear; falling back to a full scan');
    return scanAll(ctx);
  }
  const seen = new Map<string, JobRecord>();
  for (const record of newest.records) seen.set(record.id, record);
  let pages = newest.pages;
  for (const status of LIVE_RAW_STATUSES) {
    const live = await readAll(ctx, { status });
    pages += live.pages;
    for (const record of live.records) seen.set(record.id, record);
  }
  const details = await fetchDetails(ctx, unseenHot(ctx, seen));
  return {
    records: [...seen.values(), ...details.records],
    complete: false,
    notFound: details.notFound,
    notes: {
      [META_TOTAL]: String(first.total),
      [META_FULL_AT]: ctx.state.notes[META_FULL_AT] ?? ctx.now.toISOString(),
      [META_ORDER]: newest.direction ?? ctx.state.notes[META_ORDER] ?? '',
    },
    pages,
    fullScan: false,
  };
}

async function scanAll(ctx: PollContext): Promise<PollResult> {
  const result = await fullScan(ctx);
  // The listing's records are in list order: they show which end is newest for the next cycles.
  const shown = direction(result.records);
  const order = shown === 'asc' || shown === 'desc' ? shown : '';
  return { ...result, notes: { ...result.notes, [META_ORDER]: order } };
}

/**
 * Reads the pages holding the newest jobs: the `total - lastTotal` added ones and, since a delete and a
 * create in one interval leave the total unchanged, always the newest end itself. Undefined when the
 * pages read do not show one order, or break it.
 */
async function readNewest(
  ctx: PollContext,
  startPage: number,
  first: ReadPage,
  lastTotal: number,
): Promise<{ records: JobRecord[]; pages: number; direction: Direction | undefined } | undefined> {
  const { total } = first;
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const byPage = new Map<number, JobRecord[]>([[startPage, first.records]]);
  const read = async (from: number, to: number) => {
    for (let pageNo = from; pageNo <= to; pageNo++) {
      if (!byPage.has(pageNo)) byPage.set(pageNo, (await readPage(ctx, pageNo)).records);
    }
  };
  // Pages in list order: any subsequence of an ordered list is ordered the same way.
  const inListOrder = () => [...byPage.keys()].sort((a, b) => a - b).flatMap((n) => byPage.get(n) ?? []);
  let shown = direction(inListOrder());
  if (shown === undefined && lastPage > 1) {
    // One page showed no order (one item, equal times): both ends together do.
    await read(1, 1);
    await read(lastPage, lastPage);
    shown = direction(inListOrder());
  }
  if (shown === 'broken' || (shown === undefined && lastPage > 1)) return undefined;
  if (shown === 'asc') await read(Math.min(Math.floor(lastTotal / PAGE_SIZE) + 1, lastPage), lastPage);
  if (shown === 'desc') await read(1, Math.max(1, Math.ceil((total - lastTotal) / PAGE_SIZE)));
  const records = inListOrder();
  if (direction(records) !== shown) return undefined;
  return { records, pages: byPage.size, direction: shown };
}

/** The order `records` (in list order) prove; undefined when they prove none, 'broken' when neither holds. */
function direction(records: readonly JobRecord[]): Direction | 'broken' | undefined {
  const asc = isOldestFirst(records);
  const desc = isNewestFirst(records);
  if (asc && desc) return undefined;
  if (asc) return 'asc';
  return desc ? 'desc' : 'broken';
}
