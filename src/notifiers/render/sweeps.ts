import type { JobRecord } from '../../core/types.js';

/** Jobs of one sweep: same kind and outcome, and the same name (but for a trailing number) or model. */
export interface JobGroup {
  /** What the jobs share: the name without its number, else the model; undefined for a lone job. */
  label?: string;
  jobs: JobRecord[];
}

/**
 * Groups the jobs of a sweep (`lr-sweep-01` … `lr-sweep-40`, or forty unnamed fine-tunes of one model
 * that all failed) into one group, in the order their first job appears; every other job is a group
 * of one. A digest shows a group as one line instead of one line per job.
 */
export function groupSweeps(jobs: readonly JobRecord[]): JobGroup[] {
  const byKey = new Map<string, JobGroup>();
  const groups: JobGroup[] = [];
  for (const job of jobs) {
    const label = sweepLabel(job);
    const key = label === undefined ? undefined : `${job.kind}\u0000${job.status}\u0000${label}`;
    const group = key === undefined ? undefined : byKey.get(key);
    if (group !== undefined) {
      group.jobs.push(job);
      continue;
    }
    const created: JobGroup = { jobs: [job], ...(label === undefined ? {} : { label }) };
    if (key !== undefined) byKey.set(key, created);
    groups.push(created);
  }
  // A "group" of one is just a job.
  return groups.map((group) => (group.jobs.length === 1 ? { jobs: group.jobs } : group));
}

function sweepLabel(job: JobRecord): string | undefined {
  if (job.name !== undefined) {
    const stem = job.name.replace(/[-_.\s]*\d+$/, '');
    return stem === '' ? job.name : stem;
  }
  return job.baseModel ?? job.model;
}
