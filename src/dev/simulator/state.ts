import type { JobKind } from '../../core/types.js';
import { FaultRegistry } from './faults.js';
import { ZonedFormatter } from './formats.js';
import { buildJob, jobsOf } from './job-factory.js';
import type { ListOrder } from './job-store.js';
import { JobStore } from './job-store.js';
import { SIM_JOB_KINDS } from './kinds/index.js';
import type { CreateJobsSpec, SimCheckpoint, SimJob, StatusExtras } from './model.js';
import { Prng } from './prng.js';
import { RequestLog } from './request-log.js';

/** The settings a simulator's state is built from (resolved options). */
export interface SimConfig {
  apiKeys: string[];
  timeZone: string;
  importOrder: ListOrder;
  seed: number;
  now: () => Date;
}

/** Everything one simulator holds; `reset()` replaces it wholesale. */
export class SimState {
  readonly prng: Prng;
  readonly zoned: ZonedFormatter;
  /** One store per kind with a list of its own. */
  readonly stores: Map<JobKind, JobStore> = new Map(SIM_JOB_KINDS.map((kind) => [kind, new JobStore()]));
  /** Per fine-tune, sorted by step, largest first (the order the API answers in). */
  readonly checkpointsByJob = new Map<string, SimCheckpoint[]>();
  readonly checkpoints = new Map<string, SimCheckpoint>();
  readonly keys: Set<string>;
  readonly faults: FaultRegistry;
  readonly log = new RequestLog();
  /** Fine-tune log lines by job id, oldest first (`GET /fine-tunes/{id}/logs`). */
  readonly logs = new Map<string, string[]>();
  private seq = 0;

  constructor(readonly config: SimConfig) {
    this.prng = new Prng(config.seed);
    // A separate stream, so injecting faults does not shift the ids of later jobs.
    this.faults = new FaultRegistry(new Prng(config.seed ^ 0x5eed));
    this.zoned = new ZonedFormatter(config.timeZone);
    this.keys = new Set(config.apiKeys);
  }

  nextSeq(): number {
    return this.seq++;
  }

  nowMs(): number {
    return this.config.now().getTime();
  }

  findJob(id: string): SimJob | undefined {
    for (const store of this.stores.values()) {
      const job = store.get(id);
      if (job !== undefined) return job;
    }
    return undefined;
  }

  /** A job in its kind's raw shape; `detail` picks the single-job shape over the list item's. */
  render(job: SimJob, detail: boolean): object {
    return jobsOf(job.kind).render(job, detail, this.zoned);
  }

  taken(id: string): boolean {
    return this.findJob(id) !== undefined;
  }

  /** Builds a PENDING job created at `createMs` (default now) and stores it. */
  createJob(spec: CreateJobsSpec, createMs = this.nowMs(), prng = this.prng): SimJob {
    const store = this.stores.get(spec.kind);
    if (store === undefined) throw new TypeError(`no job store for ${spec.kind}`);
    const ctx = { zoned: this.zoned, taken: (id: string) => this.taken(id), nextSeq: () => this.nextSeq() };
    const job = buildJob(spec, createMs, prng, ctx);
    store.insert(job);
    this.appendLogs(job.id, jobsOf(job.kind).logLines?.(job, createMs, this.zoned) ?? []);
    return job;
  }

  /** Sets a raw status on `job` with the fields (and log lines) the vendor shows for it, clearing stale ones. */
  applyStatus(job: SimJob, status: string, extras: StatusExtras, atMs: number, prng = this.prng): void {
    job.status = status;
    delete job.errorCode;
    delete job.errorMessage;
    const jobs = jobsOf(job.kind);
    jobs.applyStatus(job, extras, atMs, prng);
    this.appendLogs(job.id, jobs.logLines?.(job, atMs, this.zoned) ?? []);
  }

  appendLogs(jobId: string, lines: readonly string[]): void {
    if (lines.length === 0) return;
    const list = this.logs.get(jobId) ?? [];
    list.push(...lines);
    this.logs.set(jobId, list);
  }
}
