import { invalidParameter } from './errors.js';
import { SIM_JOB_KINDS, SIM_PARTS } from './kinds/index.js';
import type { FactoryContext, SimJobs } from './kinds/part.js';
import type { CreateJobsSpec, SimJob } from './model.js';
import type { Prng } from './prng.js';

export type { FactoryContext } from './kinds/part.js';

/** Parses an ISO time from control input, or throws a 400. */
export function parseTime(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidParameter(`${field} is not a valid ISO time: ${value}`);
  return ms;
}

/** The job-making part of a list kind, or a 400 for any other kind. */
export function jobsOf(kind: string): SimJobs {
  const jobs = SIM_JOB_KINDS.includes(kind as never)
    ? SIM_PARTS[kind as keyof typeof SIM_PARTS].jobs
    : undefined;
  if (jobs === undefined) throw invalidParameter(`kind must be one of ${SIM_JOB_KINDS.join(', ')}`);
  return jobs;
}

/** Checks a spec for `createJobs`, throwing a 400 for anything unusable. */
export function validateSpec(spec: CreateJobsSpec): { count: number; spacingMs: number } {
  jobsOf(spec.kind);
  const count = spec.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw invalidParameter('count must be an integer >= 1');
  const spacingMs = spec.spacingMs ?? 1000;
  if (!Number.isFinite(spacingMs) || spacingMs < 0) throw invalidParameter('spacingMs must be a number >= 0');
  return { count, spacingMs };
}

/** Builds a new job with the vendor's id format and default fields, all drawn from `prng`. */
export function buildJob(spec: CreateJobsSpec, createMs: number, prng: Prng, ctx: FactoryContext): SimJob {
  const jobs = jobsOf(spec.kind);
  const baseModel = spec.baseModel ?? spec.model ?? jobs.defaultModel;
  let id = jobs.newId(createMs, prng, ctx, 0);
  for (let attempt = 1; ctx.taken(id); attempt++) id = jobs.newId(createMs, prng, ctx, attempt);
  const job: SimJob = {
    kind: spec.kind,
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
  jobs.build(job, spec, prng, ctx);
  return job;
}
