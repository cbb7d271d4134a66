/** One API request as the simulator saw it; the Authorization value is never kept. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  workspace?: string;
  userAgent?: string;
  authorized: boolean;
  /** The HTTP status answered; 0 while (or if) no answer was sent, e.g. under `hang` or `reset`. */
  status: number;
}

const CAPACITY = 1000;

/** Counts API requests per route and keeps the most recent ones. */
export class RequestLog {
  private total = 0;
  private routes: Record<string, number> = {};
  private recent: RecordedRequest[] = [];

  /** Records a request; the caller fills in `status` when it answers. */
  add(route: string, entry: RecordedRequest): RecordedRequest {
    this.total++;
    this.routes[route] = (this.routes[route] ?? 0) + 1;
    this.recent.push(entry);
    // Trim in batches so a busy benchmark does not shift the array on every request.
    if (this.recent.length > CAPACITY * 2) this.recent = this.recent.slice(-CAPACITY);
    return entry;
  }

  stats(): { requests: number; byRoute: Record<string, number> } {
    return { requests: this.total, byRoute: { ...this.routes } };
  }

  /** Oldest first, at most the last 1000. */
  requests(): RecordedRequest[] {
    return this.recent.slice(-CAPACITY).map((r) => ({ ...r, query: { ...r.query } }));
  }

  reset(): void {
    this.total = 0;
    this.routes = {};
    this.recent = [];
  }
}
