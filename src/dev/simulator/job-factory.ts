import { invalidParameter } from './errors.js';
import type { ZonedFormatter } from './formats.js';
import type { CreateJobsSpec, SimJob, SimJobKind } from './model.js';
import { SIM_JOB_KINDS } from './model.js';
import type { Prng } from './prng.js';

/** What the factory needs from the simulator around it. */
export interface FactoryContext {
  zoned: ZonedFormatter;
  /** True when some job of any kind already has this id. */
  taken(id: string): boolean;
  nextSeq(): number;
}

const DEFAULT_MODELS: Record<SimJobKind, string> = {
  fine_tune: 'qwen3-14b',
  model_import: 'qwen3-32b',
  compression: 'qwen3.5-flash-2026-02-23',
};

/** Parses an ISO time from control input, or throws a 400. */
export function parseTime(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidParameter(`${field} is not a valid ISO time: ${value}`);
  return ms;
}

/** Checks a spec for `createJobs`, throwing a 400 for anything unusable. */
export function validateSpec(spec: CreateJobsSpec): { count: number; spacingMs: number } {
  if (!SIM_JOB_KINDS.includes(spec.kind))
    throw invalidParameter(`kind must be one of ${SIM_JOB_KINDS.join(', ')}`);
  const count = spec.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw invalidParameter('count must be an integer >= 1');
  const spacingMs = spec.spacingMs ?? 1000;
  if (!Number.isFinite(spacingMs) || spacingMs < 0) throw invalidParameter('spacingMs must be a number >= 0');
  return { count, spacingMs };
}

/** Builds new jobs with the vendor's id formats and default fields, all drawn from `prng`. */
export function buildJob(spec: CreateJobsSpec, createMs: number, prng: Prng, ctx: FactoryContext): SimJob {
  const kind = spec.kind;
  const baseModel =
    spec.baseModel ?? (kind === 'compression' ? undefined : spec.model) ?? DEFAULT_MODELS[kind];
  const id = uniqueId(kind, createMs, prng, ctx);
  const job: SimJob = {
    kind,
    id,
    seq: ctx.nextSeq(),
    createMs,
    status: 'PENDING',
    name: spec.name ?? id,
    model: spec.model ?? baseModel,
    baseModel,
    workspaceId: spec.workspaceId ?? 'llm-simworkspace',
    fileIds: [],
  };
  if (kind === 'fine_tune') {
    job.fileIds = [prng.uuid()];
  } else if (kind === 'model_import') {
    // Without a display name the vendor uses the base model's name.
    job.name = spec.name ?? baseModel;
    job.output = `${baseModel}-offline-${ctx.zoned.dayStamp(createMs)}-${prng.base36(4)}`;
  } else {
    job.name = spec.name ?? `${baseModel} 压缩任务`;
    job.model = spec.model ?? `${baseModel}-ft-${ctx.zoned.minuteStamp(createMs)}-${prng.hex(4)}`;
    job.fileIds = [`file-${prng.hex(12)}`];
  }
  return job;
}

function uniqueId(kind: SimJobKind, createMs: number, prng: Prng, ctx: FactoryContext): string {
  for (let attempt = 0; ; attempt++) {
    let id: string;
    if (kind === 'model_import') {
      id = prng.uuid();
    } else {
      // Four hex digits per minute run out past 65,536 jobs; only then widen the suffix.
      const width = 4 + Math.floor(attempt / 16);
      id = `${kind === 'fine_tune' ? 'ft' : 'quant'}-${ctx.zoned.minuteStamp(createMs)}-${prng.hex(width)}`;
    }
    if (!ctx.taken(id)) return id;
  }
}
