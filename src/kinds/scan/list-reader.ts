import type { JobRecord } from '../../core/types.js';
import { normalizeItems } from '../normalize/items.js';
import type { ListKind } from './jobs-api.js';
import type { PollContext } from './poll-context.js';

/** The API's maximum: the fewest pages. */
export const PAGE_SIZE = 100;

export interface ReadPage {
  records: JobRecord[];
  total: number;
  /** Raw items on the page, malformed ones included: a short page ends a listing. */
  itemCount: number;
}

/** Reads one page of a list and normalizes it; malformed items are logged and left out. */
export async function readPage(
  ctx: PollContext,
  kind: ListKind,
  pageNo: number,
  query: Record<string, string | number> = {},
  pageSize = PAGE_SIZE,
): Promise<ReadPage> {
  const page = await ctx.api.list(kind, { ...query, page_no: pageNo, page_size: pageSize }, ctx.signal);
  const normalized = normalizeItems(kind, page.items, normalizeContext(ctx), ctx.logger);
  return { records: normalized.records, total: page.total, itemCount: page.items.length };
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
 * Reads every page of a list. Jobs added or removed while paging shift items across pages, so the
 * listing only counts as complete when the total held still and every job was seen once.
 */
export async function readAll(
  ctx: PollContext,
  kind: ListKind,
  query: Record<string, string | number> = {},
): Promise<Listing> {
  const byId = new Map<string, JobRecord>();
  let first: ReadPage | undefined;
  let stable = true;
  let pages = 0;
  for (let pageNo = 1; ; pageNo++) {
    const page = await readPage(ctx, kind, pageNo, query);
    pages++;
    first ??= page;
    if (page.total !== first.total) stable = false;
    for (const record of page.records) byId.set(record.id, record);
    if (page.itemCount < PAGE_SIZE || pageNo * PAGE_SIZE >= page.total) break;
  }
  const total = first.total;
  return { records: [...byId.values()], total, pages, complete: stable && byId.size === total };
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
