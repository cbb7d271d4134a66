import type { SimJob } from './model.js';

/** Which way a list runs over creation time. */
export type ListOrder = 'asc' | 'desc';

/** One page of a list, plus the count of everything that matched. */
export interface Page<T> {
  total: number;
  items: T[];
}

function before(a: SimJob, b: SimJob): boolean {
  return a.createMs < b.createMs || (a.createMs === b.createMs && a.seq < b.seq);
}

/**
 * The jobs of one kind, kept oldest-first at all times so an unfiltered page is a slice
 * (lists of 100,000 jobs must stay cheap to read, so nothing re-sorts per request).
 */
export class JobStore {
  private readonly ordered: SimJob[] = [];
  private readonly byId = new Map<string, SimJob>();

  get size(): number {
    return this.ordered.length;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): SimJob | undefined {
    return this.byId.get(id);
  }

  insert(job: SimJob): void {
    // Jobs usually arrive newest-last, so search from the end and append in O(1).
    let i = this.ordered.length;
    while (i > 0) {
      const prev = this.ordered[i - 1];
      if (prev === undefined || !before(job, prev)) break;
      i--;
    }
    if (i === this.ordered.length) this.ordered.push(job);
    else this.ordered.splice(i, 0, job);
    this.byId.set(job.id, job);
  }

  remove(id: string): SimJob | undefined {
    const job = this.byId.get(id);
    if (job === undefined) return undefined;
    this.byId.delete(id);
    const i = this.ordered.indexOf(job);
    if (i >= 0) this.ordered.splice(i, 1);
    return job;
  }

  /** Oldest-first. */
  all(): readonly SimJob[] {
    return this.ordered;
  }

  clear(): void {
    this.ordered.length = 0;
    this.byId.clear();
  }

  /** Page `pageNo` (1-based) of the jobs that pass `keep`, in `order`. */
  page(order: ListOrder, pageNo: number, pageSize: number, keep?: (job: SimJob) => boolean): Page<SimJob> {
    const offset = (pageNo - 1) * pageSize;
    const n = this.ordered.length;
    if (keep === undefined) {
      if (offset >= n) return { total: n, items: [] };
      if (order === 'asc') return { total: n, items: this.ordered.slice(offset, offset + pageSize) };
      return {
        total: n,
        items: this.ordered.slice(Math.max(0, n - offset - pageSize), n - offset).reverse(),
      };
    }
    // Filtered: one pass that counts every match and keeps only the requested window.
    const items: SimJob[] = [];
    let total = 0;
    for (let k = 0; k < n; k++) {
      const job = this.ordered[order === 'asc' ? k : n - 1 - k];
      if (job === undefined || !keep(job)) continue;
      if (total >= offset && items.length < pageSize) items.push(job);
      total++;
    }
    return { total, items };
  }
}
