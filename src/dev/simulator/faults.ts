import { invalidParameter } from './errors.js';
import type { Prng } from './prng.js';

/** A failure to inject into API responses; see `Simulator.injectFault`. */
export interface FaultSpec {
  type: 'status' | 'hang' | 'truncated' | 'slow' | 'garbage' | 'reset';
  /** For `status`; default 500. */
  httpStatus?: number;
  code?: string;
  message?: string;
  /** `Retry-After` header value (seconds or an HTTP date), for `status`. */
  retryAfter?: string;
  /** For `slow`. */
  delayMs?: number;
  /** Fault the next K matching requests; default 1. */
  count?: number;
  /** Instead of a count: each matching request faults with this chance until cleared. */
  probability?: number;
  match?: FaultMatch;
}

/** Which requests a fault applies to; every given condition must hold. */
export interface FaultMatch {
  method?: string;
  /** A prefix of the pathname. */
  path?: string;
  pathRegex?: string;
  /** Each must equal the request's query value. */
  query?: Record<string, string>;
}

/** The request facts a fault is matched against. */
export interface FaultTarget {
  method: string;
  path: string;
  query: Record<string, string>;
}

interface ActiveFault {
  id: string;
  spec: FaultSpec;
  regex?: RegExp;
  remaining: number;
}

const TYPES = new Set<FaultSpec['type']>(['status', 'hang', 'truncated', 'slow', 'garbage', 'reset']);

/** Injected faults, matched in the order they were added. */
export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly prng: Prng) {}

  add(spec: FaultSpec): string {
    if (!TYPES.has(spec.type)) throw invalidParameter(`unknown fault type: ${String(spec.type)}`);
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw invalidParameter('count must be an integer >= 1');
    if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) {
      throw invalidParameter('probability must be between 0 and 1');
    }
    const status = spec.httpStatus ?? 500;
    if (!Number.isInteger(status) || status < 100 || status > 599)
      throw invalidParameter('httpStatus must be 100-599');
    if (spec.delayMs !== undefined && !(spec.delayMs >= 0)) throw invalidParameter('delayMs must be >= 0');
    const m = spec.match ?? {};
    for (const field of ['method', 'path', 'pathRegex'] as const) {
      if (m[field] !== undefined && typeof m[field] !== 'string')
        throw invalidParameter(`match.${field} must be a string`);
    }
    if (m.query !== undefined && (typeof m.query !== 'object' || m.query === null)) {
      throw invalidParameter('match.query must be an object of strings');
    }
    let regex: RegExp | undefined;
    if (spec.match?.pathRegex !== undefined) {
      try {
        regex = new RegExp(spec.match.pathRegex);
      } catch {
        throw invalidParameter(`invalid pathRegex: ${spec.match.pathRegex}`);
      }
    }
    const id = `fault-${this.nextId++}`;
    this.faults.push({ id, spec, remaining: count, ...(regex ? { regex } : {}) });
    return id;
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault this request triggers, if any, using up one of its count. */
  take(target: FaultTarget): FaultSpec | undefined {
    for (const fault of this.faults) {
      if (!matches(fault, target)) continue;
      if (fault.spec.probability !== undefined) {
        if (this.prng.next() < fault.spec.probability) return fault.spec;
        continue;
      }
      fault.remaining--;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
      return fault.spec;
    }
    return undefined;
  }
}

function matches(fault: ActiveFault, target: FaultTarget): boolean {
  const m = fault.spec.match;
  if (m === undefined) return true;
  if (m.method !== undefined && m.method.toUpperCase() !== target.method) return false;
  if (m.path !== undefined && !target.path.startsWith(m.path)) return false;
  if (fault.regex !== undefined && !fault.regex.test(target.path)) return false;
  if (m.query !== undefined) {
    for (const [key, value] of Object.entries(m.query)) if (target.query[key] !== value) return false;
  }
  return true;
}
