import type { Logger } from '../core/logger.js';
import type { JobKind, JobRecord, JobStatus } from '../core/types.js';
import type { Watch } from '../core/watch.js';
import type { ListEndpoint } from '../dashscope/index.js';
import type { TrackedJob } from '../store/index.js';
import type { NormalizeContext } from './normalize/record.js';
import type { JobsApi } from './scan/jobs-api.js';
import type { PageBudget } from './scan/page-budget.js';
import type { PollerSettings } from './scan/poll-context.js';

/**
 * Everything dashwatch knows about one kind of DashScope job. Each kind's folder exports one
 * (`src/kinds/<kind>/index.ts`), and `src/kinds/registry.ts` is the only other file that names it:
 * the config schema, the poll worker, the simulator and message labels all read it from there.
 */
export interface JobKindDescriptor<K extends JobKind = JobKind, Raw = never> {
  readonly kind: K;
  /** In people's words, for messages: `Fine-tune`. */
  readonly label: string;
  /** What `usage` counts, when the kind reports it: `tokens`, `GPU seconds`. */
  readonly usageUnit?: string;
  /** The raw item's id key (`job_id`, `checkpoint_id`); an item without it is skipped. */
  readonly idField: string;
  /** What this kind's ids look like (`ft-…`, a UUID), so a job id alone says its kind. */
  readonly idShape: RegExp;
  /** Every raw status spelling this kind's endpoints use, and what it means (`SUCCESSED` → SUCCEEDED). */
  readonly spellings: Readonly<Record<string, JobStatus>>;
  /** The list endpoint, for kinds that have one (checkpoints are listed per fine-tune). */
  readonly list?: ListEndpoint;
  /** The path of one job's detail under `/api/v1`, for kinds that have one. */
  detailPath?(id: string): string;
  /** One raw job by id, for kinds without a detail endpoint; null when the API has no such job. */
  readOne?(api: JobsApi, id: string, signal: AbortSignal): Promise<unknown | null>;
  /** A raw item, already checked for its id and status, as a record. Never throws on odd fields. */
  normalize(raw: Raw, ctx: NormalizeContext): JobRecord;
  /** One cycle's reading of the watch: a complete account of what may have changed, or a throw. */
  poll(ctx: PollContext): Promise<PollResult>;
  /** False when a long live status is normal (checkpoints wait on their fine-tune's training). */
  readonly canBeStuck: boolean;
  /** The kind whose watch this one reads through, on the same account (checkpoints: fine_tune). */
  readonly readsThrough?: JobKind;
}

/** Identity that keeps the literal type, so the registry knows which kinds have a list or a detail. */
export function defineKind<const D extends JobKindDescriptor<JobKind, never>>(descriptor: D): D {
  return descriptor;
}

/** What a poller knows of the watch before it fetches: the snapshot's hot jobs and its own notes. */
export interface PollState {
  baselineDone: boolean;
  /** The poller's notes from the last committed cycle (totals, last full scan, open checkpoint parents). */
  notes: Readonly<Record<string, string>>;
  /** Jobs that can still change: live ones, and checkpoints whose expiry is ahead. */
  hot: ReadonlyMap<string, TrackedJob>;
}

export interface PollContext {
  watch: Watch;
  /** The watch's kind. */
  kind: JobKindDescriptor;
  api: JobsApi;
  state: PollState;
  now: Date;
  signal: AbortSignal;
  logger: Logger;
  settings: PollerSettings;
  /** The pages this cycle may still read: every list page read spends one. */
  pages: PageBudget;
  /** Which of `ids` the snapshot holds (one Redis round trip). */
  known(ids: readonly string[]): Promise<Set<string>>;
  /**
   * The snapshot of another kind on the same account (checkpoints follow their fine-tunes), or
   * undefined while that watch has no baseline yet.
   */
  peer(kind: JobKind, scope: 'hot' | 'all'): Promise<ReadonlyMap<string, TrackedJob> | undefined>;
}

/** A complete account of the watch this cycle: every job that may have changed is in `records`. */
export interface PollResult {
  records: JobRecord[];
  /** True when `records` holds every job of the watch, so a missing one may have been removed. */
  complete: boolean;
  /** Ids a detail call answered 404 for: gone. */
  notFound: string[];
  /** Notes for the next cycle, committed with the snapshot. */
  notes: Record<string, string>;
  pages: number;
  fullScan: boolean;
}
