import type { JobRecord } from '../../core/types.js';
import type { ListEndpoint, Query } from '../../dashscope/client-types.js';
import { DashScopeError } from '../../dashscope/dashscope-error.js';
import { paginate } from '../../dashscope/paging.js';
import type { PollContext } from '../kind.js';
import { normalizeItems } from '../normalize/items.js';

/** The API's maximum: the fewest pages. */
export const PAGE_SIZE = 100;

export interface ReadPage {
  records: JobRecord[];
  total: number;
  /** Raw items on the page, malformed ones included: a short page ends a listing. */
  itemCount: number;
}

/** The watch kind's list endpoint; a kind without one has no pages to read. */
function listOf(ctx: PollContext): ListEndpoint {
  const { list } = ctx.kind;
  if (list === undefined) throw new TypeError(`${ctx.kind.kind} has no list endpoint`);
  return list;
}

/** Reads one page of the watch's list and normalizes it; malformed items are logged and left out. */
export async function readPage(ctx: PollContext, pageNo: number, query: Query = {}): Promise<ReadPage> {
  const page = await ctx.api.list(
    listOf(ctx),
    { ...query, page_no: pageNo, page_size: PAGE_SIZE },
    ctx.signal,
  );
  ctx.pages.spend(page.total);
  return {
    records: normalizeItems(ctx.kind, page.items, normalizeContext(ctx), ctx.logger).records,
    total: page.total,
    itemCount: page.items.length,
  };
}

export function normalizeContext(ctx: PollContext): { account: string; timeZone: string } {
  return { account: ctx.watch.account, timeZone: ctx.watch.timeZone };
}

export interface Listing {
  records: JobRecord[];
  total: number;
  pages: number;
  /** True when every page was read and the list did not move under us. */
  complete: boolean;
}

/**
 * Reads every page of the watch's list. Jobs added or removed while paging shift items across pages,
 * so the listing only counts as complete when the total held still and every job was seen once.
 */
export async function readAll(ctx: PollContext, query: Query = {}): Promise<Listing> {
  const endpoint = listOf(ctx);
  const byId = new Map<string, JobRecord>();
  let total: number | undefined;
  let stable = true;
  let pages = 0;
  const fetchPage = async (pageNo: number, pageSize: number) => {
    const page = await ctx.api.list(endpoint, { ...query, page_no: pageNo, page_size: pageSize }, ctx.signal);
    ctx.pages.spend(page.total);
    return page;
  };
  const runaway = (pagesRead: number) =>
    new DashScopeError({
      code: 'BadResponse',
      detail: `paging did not reach output.total after ${pagesRead} pages`,
      endpoint: `GET ${endpoint.path}`,
      retryable: false,
      attempts: 1,
    });
  for await (const page of paginate(fetchPage, { pageSize: PAGE_SIZE }, runaway)) {
    pages++;
    total ??= page.total;
    if (page.total !== total) stable = false;
    for (const record of normalizeItems(ctx.kind, page.items, normalizeContext(ctx), ctx.logger).records)
      byId.set(record.id, record);
  }
  const first = total ?? 0;
  return { records: [...byId.values()], total: first, pages, complete: stable && byId.size === first };
}

/** True when `records` are ordered by creation time, newest first (ties and unknown times allowed). */
export function isNewestFirst(records: readonly JobRecord[]): boolean {
  return isOrdered(records, (newer, older) => newer >= older);
}

/** True when `records` are ordered by creation time, oldest first. */
export function isOldestFirst(records: readonly JobRecord[]): boolean {
  return isOrdered(records, (earlier, later) => earlier <= later);
}

function isOrdered(records: readonly JobRecord[], inOrder: (a: string, b: string) => boolean): boolean {
  let previous: string | undefined;
  for (const record of records) {
    const created = record.createdAt;
    if (created === undefined) continue;
    if (previous !== undefined && !inOrder(previous, created)) return false;
    previous = created;
  }
  return true;
}
