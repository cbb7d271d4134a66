/** One API request as the simulator saw it; the Authorization value is never kept. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The JSON body (a POST's), as parsed; the text itself when it was not JSON. */
  body?: unknown;
  workspace?: string;
  userAgent?: string;
  authorized: boolean;
  /** The HTTP status answered; 0 while (or if) no answer was sent, e.g. under `hang` or `reset`. */
  status: number;
}

/** Requests served, per route template, and injected faults, per label. */
export interface RequestStats {
  requests: number;
  byRoute: Record<string, number>;
  faults: Record<string, number>;
}

const CAPACITY = 1000;

/** Counts API requests per route and keeps the most recent ones. */
export class RequestLog {
  private total = 0;
  private routes: Record<string, number> = {};
  private recent: RecordedRequest[] = [];
  private faults: Record<string, number> = {};

  /** Records a request; the caller fills in `status` when it answers. */
  add(route: string, entry: RecordedRequest): RecordedRequest {
    this.total++;
    this.routes[route] = (this.routes[route] ?? 0) + 1;
    this.recent.push(entry);
    // Trim in batches so a busy benchmark does not shift the array on every request.
    if (this.recent.length > CAPACITY * 2) this.recent = this.recent.slice(-CAPACITY);
    return entry;
  }

  /** Counts an injected fault, by `label` (`hang`, `garbage`, or the HTTP status of a `status` fault). */
  fault(label: string): void {
    this.faults[label] = (this.faults[label] ?? 0) + 1;
  }

  stats(): RequestStats {
    return { requests: this.total, byRoute: { ...this.routes }, faults: { ...this.faults } };
  }

  /** Oldest first, at most the last 1000. */
  requests(): RecordedRequest[] {
    return this.recent.slice(-CAPACITY).map((r) => structuredClone(r));
  }

  reset(): void {
    this.total = 0;
    this.routes = {};
    this.recent = [];
    this.faults = {};
  }
}
