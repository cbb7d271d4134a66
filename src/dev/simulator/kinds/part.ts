import type { JobKind } from '../../../core/types.js';
import type { ZonedFormatter } from '../formats.js';
import type { JobStore, ListOrder } from '../job-store.js';
import type { CreateJobsSpec, SimCheckpoint, SimJob, StatusExtras } from '../model.js';
import type { Prng } from '../prng.js';

/** What a kind's routes read of the simulator's state. */
export interface SimStateView {
  readonly stores: ReadonlyMap<JobKind, JobStore>;
  readonly checkpointsByJob: ReadonlyMap<string, readonly SimCheckpoint[]>;
  readonly zoned: ZonedFormatter;
  readonly config: { readonly importOrder: ListOrder };
  /** Fine-tune log lines by job id, oldest first. */
  readonly logs: ReadonlyMap<string, readonly string[]>;
  /** A job in its kind's raw shape. */
  render(job: SimJob, detail: boolean): object;
  /** A new PENDING job, created now (the API's create endpoints). */
  createJob(spec: CreateJobsSpec): SimJob;
}

/** One API route a kind answers, under `/api/v1`. */
export interface SimRoute {
  method: 'GET' | 'POST';
  /** The stats key, e.g. `/api/v1/fine-tunes/:id`. */
  template: string;
  pattern: RegExp;
  /** `body` is the request's parsed JSON, undefined when there was none. */
  handler(state: SimStateView, params: string[], query: Record<string, string>, body: unknown): unknown;
}

/** What building a job may use from the simulator around it. */
export interface FactoryContext {
  zoned: ZonedFormatter;
  /** True when some job of any kind already has this id. */
  taken(id: string): boolean;
  nextSeq(): number;
}

/** How a kind with a list of its own makes, changes and shows its jobs. */
export interface SimJobs {
  /** The model a job gets when the spec names none. */
  readonly defaultModel: string;
  /** A new id in the vendor's format; `attempt` counts collisions so far. */
  newId(createMs: number, prng: Prng, ctx: FactoryContext, attempt: number): string;
  /** The kind's own fields of a new job (names, generated outputs, file ids). */
  build(job: SimJob, spec: CreateJobsSpec, prng: Prng, ctx: FactoryContext): void;
  /** The job in the vendor's raw shape; `detail` picks the single-job shape over the list item's. */
  render(job: SimJob, detail: boolean, zoned: ZonedFormatter): object;
  /** The fields a new raw status brings (output, usage, errors, times), stale ones cleared. */
  applyStatus(job: SimJob, extras: StatusExtras, atMs: number, prng: Prng): void;
  /** Log lines the job writes on creation and on entering its current status (fine-tunes keep a log). */
  logLines?(job: SimJob, atMs: number, zoned: ZonedFormatter): string[];
}

/**
 * A job kind as the simulator serves it, faithful to the vendor's pages (shared/seeds). Each kind has
 * one in this folder, listed in `index.ts`; the compiler insists on one per registered kind.
 */
export interface SimKindPart<K extends JobKind = JobKind> {
  readonly kind: K;
  readonly routes: readonly SimRoute[];
  /** Absent for kinds that hang off another kind's jobs (checkpoints). */
  readonly jobs?: SimJobs;
}

/** `/api/v1/a/:id/b` as an anchored pattern capturing each `:param`. */
export function route(method: SimRoute['method'], template: string, handler: SimRoute['handler']): SimRoute {
  const pattern = new RegExp(`^${template.replace(/:[a-z]+/g, '([^/]+)')}$`);
  return { method, template, pattern, handler };
}
