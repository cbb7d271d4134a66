import { isTerminal, type JobStatus } from '../../core/types.js';
import type { Change } from '../../store/index.js';

/** The colour families of the timeline. */
export type Phase = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled' | 'unknown';

const PHASES: Record<JobStatus, Phase> = {
  PENDING: 'queued',
  QUEUING: 'queued',
  RUNNING: 'running',
  CANCELING: 'running',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  CANCELED: 'canceled',
  UNKNOWN: 'unknown',
};

export function phaseOf(status: JobStatus): Phase {
  return PHASES[status] ?? 'unknown';
}

/** One stretch of a job in one status, in epoch ms. */
export interface Segment {
  status: JobStatus;
  startMs: number;
  endMs: number;
  /** The job is over: the stretch runs on to now only to show how it ended. */
  final: boolean;
}

/** What the timeline knows of a job: its state now and its changes in the window, oldest first. */
export interface JobHistory {
  status: JobStatus;
  /** ISO: when the current status began. */
  since: string;
  createdAt?: string;
  changes: readonly Change[];
}

/**
 * A job's stretches within [startMs, nowMs], from its logged changes and its status now. Before the
 * first change the job was in that change's `from` status since it was created (or since before the
 * window); with no change logged, the job is drawn from when its current status began.
 */
export function segmentsOf(job: JobHistory, startMs: number, nowMs: number): Segment[] {
  const created = job.createdAt === undefined ? Number.NaN : Date.parse(job.createdAt);
  const points: { at: number; status: JobStatus }[] = [];
  for (const change of job.changes) {
    const at = Date.parse(change.at);
    if (change.to === undefined || !Number.isFinite(at)) continue;
    if (change.type === 'created') {
      points.push({ at: created < at ? created : at, status: change.to });
    } else if (change.type === 'transition') {
      if (points.length === 0 && change.from !== undefined) {
        points.push({ at: created < at ? created : Number.NEGATIVE_INFINITY, status: change.from });
      }
      points.push({ at, status: change.to });
    }
  }
  const since = Date.parse(job.since);
  const last = points.at(-1);
  if (last === undefined || last.status !== job.status) {
    points.push({ at: Math.max(since, last?.at ?? since), status: job.status });
  } else if (since < last.at && since > (points.at(-2)?.at ?? Number.NEGATIVE_INFINITY)) {
    // RUNNING began when the API says it started, which is earlier than when a poll noticed.
    last.at = since;
  }
  const segments: Segment[] = [];
  points.forEach((point, i) => {
    const from = Math.max(point.at, startMs);
    const to = Math.min(points[i + 1]?.at ?? nowMs, nowMs);
    if (to > from)
      segments.push({ status: point.status, startMs: from, endMs: to, final: isTerminal(point.status) });
  });
  return segments;
}
