import { invalidParameter, notFound } from './errors.js';
import type { FaultSpec } from './faults.js';
import { parseTime, validateSpec } from './job-factory.js';
import type { ListOrder } from './job-store.js';
import { SIM_JOB_KINDS } from './kinds/index.js';
import type {
  CheckpointSpec,
  CreateJobsSpec,
  SimCheckpoint,
  SimJobKind,
  SimJobRef,
  StatusExtras,
} from './model.js';
import { Prng } from './prng.js';
import type { RecordedRequest, RequestStats } from './request-log.js';
import { type SimConfig, SimState } from './state.js';

/** How to build a simulator; `host`/`port` matter only to `startSimulator`. */
export interface SimulatorOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Keys the API accepts; default `['sk-sim-demo']`. */
  apiKeys?: string[];
  /** Zone of the zoneless times; default `Asia/Shanghai`. */
  timeZone?: string;
  /** Order of the import list, which the vendor leaves undocumented; default `asc` like its example. */
  importOrder?: ListOrder;
  /** Seeds ids and generated values; default 1. */
  seed?: number;
  now?: () => Date;
}

const CHECKPOINT_TTL_MS = 15 * 24 * 3_600_000;

/** A job as the API renders it: every kind has a `job_id` and a raw `status`. */
export interface RawSimJob {
  job_id: string;
  status: string;
  [field: string]: unknown;
}

/** A DashScope account's jobs plus the knobs tests turn; usable in-process or behind `startSimulator`. */
export class Simulator {
  private current: SimState;
  private readonly config: SimConfig;

  constructor(options: SimulatorOptions = {}) {
    this.config = {
      apiKeys: options.apiKeys ?? ['sk-sim-demo'],
      timeZone: options.timeZone ?? 'Asia/Shanghai',
      importOrder: options.importOrder ?? 'asc',
      seed: options.seed ?? 1,
      now: options.now ?? (() => new Date()),
    };
    this.current = new SimState(this.config);
  }

  /** The live state, read by the HTTP layer on every request (`reset()` replaces it). */
  get state(): SimState {
    return this.current;
  }

  /** Creates `count` jobs, oldest first, `spacingMs` apart. */
  createJobs(spec: CreateJobsSpec): SimJobRef[] {
    const { count, spacingMs } = validateSpec(spec);
    const s = this.state;
    const startMs = spec.createdAt === undefined ? s.nowMs() : parseTime(spec.createdAt, 'createdAt');
    const prng = spec.seed === undefined ? s.prng : new Prng(spec.seed);
    if (!s.stores.has(spec.kind)) throw invalidParameter(`kind must be one of ${SIM_JOB_KINDS.join(', ')}`);
    const refs: SimJobRef[] = [];
    for (let i = 0; i < count; i++) {
      const createMs = startMs + i * spacingMs;
      const job = s.createJob(spec, createMs, prng);
      if (spec.status !== undefined && spec.status !== 'PENDING') {
        // A job born in a later state changed some minutes after creation, never after now.
        const atMs = Math.max(createMs, Math.min(s.nowMs(), createMs + prng.int(60, 3600) * 1000));
        s.applyStatus(job, spec.status, {}, atMs, prng);
      }
      refs.push({ kind: spec.kind, id: job.id });
    }
    return refs;
  }

  /** Moves a job to a raw status, setting the fields that status brings. */
  setStatus(id: string, status: string, extras: StatusExtras = {}): void {
    const job = this.state.findJob(id);
    if (job === undefined) throw notFound();
    if (status === '') throw invalidParameter('status must not be empty');
    const atMs = extras.at === undefined ? this.state.nowMs() : parseTime(extras.at, 'at');
    this.state.applyStatus(job, status, extras, atMs);
  }

  /** Appends lines to a fine-tune's log. */
  appendLogs(id: string, lines: string[]): void {
    const job = this.state.findJob(id);
    if (job === undefined || job.kind !== 'fine_tune') throw notFound();
    if (!Array.isArray(lines) || lines.some((line) => typeof line !== 'string'))
      throw invalidParameter('lines must be an array of strings');
    this.state.appendLogs(id, lines);
  }

  /** Removes a job (and a fine-tune's checkpoints). */
  deleteJob(id: string): void {
    const s = this.state;
    const job = s.findJob(id);
    if (job === undefined) throw notFound();
    s.stores.get(job.kind)?.remove(id);
    for (const cp of s.checkpointsByJob.get(id) ?? []) s.checkpoints.delete(cp.id);
    s.checkpointsByJob.delete(id);
    s.logs.delete(id);
  }

  /** Adds checkpoints to a fine-tune, continuing its numbering (`checkpoint-000L000F`, L = F). */
  addCheckpoints(jobId: string, spec: CheckpointSpec = {}): SimJobRef[] {
    const s = this.state;
    if (s.stores.get('fine_tune')?.get(jobId) === undefined) throw notFound();
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw invalidParameter('count must be an integer >= 1');
    const createMs = spec.createdAt === undefined ? s.nowMs() : parseTime(spec.createdAt, 'createdAt');
    const expireMs =
      spec.expireAt === undefined ? createMs + CHECKPOINT_TTL_MS : parseTime(spec.expireAt, 'expireAt');
    const list = s.checkpointsByJob.get(jobId) ?? [];
    const refs: SimJobRef[] = [];
    for (let i = 0; i < count; i++) {
      const epoch = list.length + 1;
      const name = `checkpoint-${String(epoch).padStart(4, '0')}${String(epoch).padStart(4, '0')}`;
      const cp: SimCheckpoint = {
        id: `${jobId}:${name}`,
        jobId,
        name,
        step: epoch * 10_000 + epoch,
        status: spec.status ?? 'PENDING',
        createMs,
        expireMs,
      };
      list.push(cp);
      s.checkpoints.set(cp.id, cp);
      refs.push({ kind: 'checkpoint', id: cp.id });
    }
    list.sort((a, b) => b.step - a.step);
    s.checkpointsByJob.set(jobId, list);
    return refs;
  }

  /** Moves a checkpoint to a raw status (SUCCEEDED brings its model name). */
  setCheckpointStatus(checkpointId: string, status: string): void {
    const cp = this.state.checkpoints.get(checkpointId);
    if (cp === undefined) throw notFound();
    if (status === '') throw invalidParameter('status must not be empty');
    cp.status = status;
  }

  /** Arms a fault for API requests; returns its id. */
  injectFault(spec: FaultSpec): string {
    return this.state.faults.add(spec);
  }

  clearFaults(): void {
    this.state.faults.clear();
  }

  /** Replaces the accepted API keys (to revoke or restore a key mid-test). */
  setApiKeys(keys: string[]): void {
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) {
      throw invalidParameter('keys must be an array of strings');
    }
    this.state.keys.clear();
    for (const key of keys) this.state.keys.add(key);
  }

  /** API requests served since start or the last `resetStats()`, per route template, and faults injected. */
  stats(): RequestStats {
    return this.state.log.stats();
  }

  resetStats(): void {
    this.state.log.reset();
  }

  /** The last 1000 API requests, oldest first. */
  requests(): RecordedRequest[] {
    return this.state.log.requests();
  }

  /** Back to a fresh simulator: no jobs, faults or stats, the original keys and seed. */
  reset(): void {
    this.current = new SimState(this.config);
  }

  /** Jobs as the API renders them (detail shape), oldest first; all three kinds without `kind`. */
  jobs(kind?: SimJobKind): RawSimJob[] {
    if (kind !== undefined && !SIM_JOB_KINDS.includes(kind)) throw invalidParameter(`unknown kind: ${kind}`);
    const kinds = kind === undefined ? SIM_JOB_KINDS : [kind];
    return kinds.flatMap((k) =>
      (this.state.stores.get(k)?.all() ?? []).map((job) => this.state.render(job, true) as RawSimJob),
    );
  }
}
