import type { JobKind } from '../../core/types.js';
import type { ListKind } from '../../kinds/index.js';

/** A kind with a list of its own, whose jobs the control API creates (checkpoints hang off fine-tunes). */
export type SimJobKind = ListKind;

/** What to create through `Simulator.createJobs` or `POST /_sim/jobs`. */
export interface CreateJobsSpec {
  kind: SimJobKind;
  /** How many jobs; default 1. */
  count?: number;
  /** Seeds this batch's ids and generated values; default: the simulator's own sequence. */
  seed?: number;
  /** Raw spelling (e.g. `SUCCESSED` for imports); default `PENDING`. */
  status?: string;
  model?: string;
  baseModel?: string;
  name?: string;
  /** ISO time of the first job's creation; default now. */
  createdAt?: string;
  /** Gap between consecutive jobs' creation times; default 1000. Later jobs are newer. */
  spacingMs?: number;
  /** Fine-tunes' `workspace_id`; default `llm-simworkspace`. */
  workspaceId?: string;
  /** Imports: `lora` or `full`; default `lora`. */
  weightType?: string;
  /** Imports: where the weights are; default a bucket of the simulator's. */
  storage?: ImportStorage;
}

/** An import's `storage_info`. */
export interface ImportStorage {
  bucketName: string;
  objectKey: string;
}

/** A created job or checkpoint. */
export interface SimJobRef {
  kind: JobKind;
  id: string;
}

/** Optional values a status change brings; each defaults to something plausible. */
export interface StatusExtras {
  errorCode?: string;
  errorMessage?: string;
  /** The deployable model id (fine-tune/compression output, import model name). */
  output?: string;
  /** Tokens for fine-tunes, GPU seconds for compression jobs. */
  usage?: number;
  /** ISO time of the change; default now. */
  at?: string;
}

/** What to add through `Simulator.addCheckpoints`. */
export interface CheckpointSpec {
  /** How many; default 1. */
  count?: number;
  /** Default `PENDING`. */
  status?: string;
  /** ISO; default now. */
  createdAt?: string;
  /** ISO; default 15 days after creation. */
  expireAt?: string;
}

/** One job's state; rendered into the vendor's raw shape per kind on each response. */
export interface SimJob {
  kind: SimJobKind;
  id: string;
  /** Creation order, to break ties between jobs created in the same millisecond. */
  seq: number;
  createMs: number;
  status: string;
  name: string;
  model: string;
  baseModel: string;
  workspaceId: string;
  /** Training files (fine-tune) or calibration files (compression). */
  fileIds: string[];
  startMs?: number;
  endMs?: number;
  output?: string;
  usage?: number;
  errorCode?: string;
  errorMessage?: string;
  /** Imports only. */
  weightType?: string;
  storage?: ImportStorage;
}

/** One fine-tune checkpoint's state. */
export interface SimCheckpoint {
  id: string;
  jobId: string;
  name: string;
  step: number;
  status: string;
  createMs: number;
  expireMs: number;
}
