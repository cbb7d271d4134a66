import { type DashwatchEvent, isJobEvent, isTerminal, type JobEvent, type JobRecord } from '../core/types.js';
import type { DigestReport } from '../notifiers/index.js';

export interface ReportInput {
  name: string;
  timeZone: string;
  window: { start: number; end: number };
  events: readonly DashwatchEvent[];
  /** Jobs live at the end of the window, with how long they have been in their status. */
  live: DigestReport['live'];
}

/**
 * What a digest says about its window: each job counted once, at the last status the window saw;
 * finished and failed jobs named; watch failures listed.
 */
export function buildDigestReport(input: ReportInput): DigestReport {
  const latest = new Map<string, JobEvent>();
  const watchProblems: DigestReport['watchProblems'] = [];
  const ordered = [...input.events].sort((a, b) => a.detectedAt.localeCompare(b.detectedAt));
  for (const event of ordered) {
    if (!isJobEvent(event)) {
      // Problems are listed; their ends (recovered) are not news a day later.
      if (event.type === 'watch_failing' || event.type === 'store_failing' || event.type === 'store_reset')
        watchProblems.push(event);
      continue;
    }
    latest.set(`${event.job.kind}:${event.job.id}`, event);
  }
  const counts = new Map<string, DigestReport['counts'][number]>();
  const finished: JobRecord[] = [];
  const failures: JobRecord[] = [];
  for (const event of latest.values()) {
    const { job } = event;
    const key = `${job.kind}:${job.status}`;
    const row = counts.get(key) ?? { kind: job.kind, status: job.status, count: 0 };
    row.count += 1;
    counts.set(key, row);
    if (event.type === 'removed' || !isTerminal(job.status)) continue;
    (job.status === 'FAILED' ? failures : finished).push(job);
  }
  return {
    name: input.name,
    windowStart: new Date(input.window.start).toISOString(),
    windowEnd: new Date(input.window.end).toISOString(),
    timeZone: input.timeZone,
    counts: [...counts.values()].sort(
      (a, b) => a.kind.localeCompare(b.kind) || a.status.localeCompare(b.status),
    ),
    finished,
    failures,
    live: input.live,
    silenced: [...latest.values()].filter((event) => event.silenced !== undefined).map((e) => e.job.id),
    watchProblems,
  };
}
