/** One page of a list, as `DashScopeClient.pages` yields it. */
export interface Page<T> {
  items: T[];
  /** `output.total` as this page reported it. */
  total: number;
  pageNo: number;
  pageSize: number;
  requestId?: string;
}

/** What fetching one page must return. */
export interface FetchedPage<T> {
  items: T[];
  total: number;
  requestId?: string;
}

/** The API's maximum, so a full scan costs the fewest requests. */
export const DEFAULT_PAGE_SIZE = 100;

// Slack over the first page's count, for jobs created while paging; beyond it the server is looping.
const RUNAWAY_FACTOR = 2;
const RUNAWAY_EXTRA_PAGES = 10;

/**
 * Yields pages from `start.pageNo` (default 1) until the items read reach `total` or a page comes back
 * short (fewer items than asked for: the list ends there, whatever `total` says).
 * Throws `onRunaway(pagesRead)` if paging has not converged after twice the pages the first
 * `total` implied (plus slack), so a misbehaving server cannot loop a poller forever.
 */
export async function* paginate<T>(
  fetchPage: (pageNo: number, pageSize: number) => Promise<FetchedPage<T>>,
  start: { pageNo?: number | undefined; pageSize?: number | undefined },
  onRunaway: (pagesRead: number) => Error,
): AsyncGenerator<Page<T>, void, undefined> {
  const pageSize = start.pageSize ?? DEFAULT_PAGE_SIZE;
  let pageNo = start.pageNo ?? 1;
  let limit: number | undefined;
  for (let read = 1; ; read++) {
    const page = await fetchPage(pageNo, pageSize);
    limit ??= Math.ceil(page.total / pageSize) * RUNAWAY_FACTOR + RUNAWAY_EXTRA_PAGES;
    if (read > limit) throw onRunaway(read);
    yield {
      items: page.items,
      total: page.total,
      pageNo,
      pageSize,
      ...(page.requestId === undefined ? {} : { requestId: page.requestId }),
    };
    if (page.items.length < pageSize || pageNo * pageSize >= page.total) return;
    pageNo++;
  }
}
