import { byCodeUnits } from '../core/compare.js';
import { isTerminal, type JobKind, type JobStatus } from '../core/types.js';
import type { Watch } from '../core/watch.js';
import { type CycleError, isStuck, type SnapshotStore } from '../store/index.js';
import { isFresh } from './watch-health.js';

const DAY_MS = 86_400_000;

/** One job as `status` shows it. */
export interface StatusJob {
  kind: JobKind;
  id: string;
  name: string;
  status: JobStatus;
  rawStatus: string;
  ageInStatusMs: number;
  lastChange: string;
  /** ISO: when the status began (`ageInStatusMs` before `generatedAt`). */
  since: string;
  createdAt?: string;
  model?: string;
  output?: string;
  /** dashwatch announced the job stuck in its current status. */
  stuck?: true;
}

/** One watch as `status` shows it: its health and its jobs. */
export interface StatusWatch {
  watch: string;
  account: string;
  kind: JobKind;
  health: 'ok' | 'failing' | 'stale';
  consecutiveFailures: number;
  lastCycleOk: string | null;
  /** Why the last cycle failed, while cycles fail. */
  lastError?: { code: string; message: string; httpStatus?: number };
  trackedJobs: number;
  jobs: StatusJob[];
}

/**
 * What every watch's snapshot says now: `status` prints it, `status --json` and the HTTP API serve
 * it. Jobs are the live ones and those that changed within the last day, unless `all`.
 */
export async function statusReport(
  store: SnapshotStore,
  watches: readonly Watch[],
  now: Date,
  options: { all?: boolean } = {},
): Promise<StatusWatch[]> {
  const healths = await store.healthOf(watches.map((watch) => watch.id));
  const report: StatusWatch[] = [];
  // One watch at a time, keeping only the jobs shown: a large snapshot is never held whole.
  for (const watch of watches) {
    const health = { watch, failing: false, failures: 0, ...healths.get(watch.id) };
    const jobs: StatusJob[] = [];
    let tracked = 0;
    await store.scanEntries(watch.id, (id, job) => {
      tracked++;
      if (!options.all && isTerminal(job.status) && now.getTime() - Date.parse(job.lastChange) >= DAY_MS)
        return;
      jobs.push({
        kind: watch.kind,
        id,
        name: job.name ?? '',
        status: job.status,
        rawStatus: job.rawStatus,
        ageInStatusMs: Math.max(0, now.getTime() - Date.parse(job.since)),
        lastChange: job.lastChange,
        since: job.since,
        ...(job.createdAt === undefined ? {} : { createdAt: job.createdAt }),
        ...(job.model === undefined ? {} : { model: job.model }),
        ...(job.output === undefined ? {} : { output: job.output }),
        ...(isStuck(job) ? { stuck: true as const } : {}),
      });
    });
    // Newest change first; ISO times sort as plain strings.
    jobs.sort((a, b) => byCodeUnits(b.lastChange, a.lastChange));
    report.push({
      watch: watch.id,
      account: watch.account,
      kind: watch.kind,
      health: health.failing ? 'failing' : isFresh(health, now) ? 'ok' : 'stale',
      consecutiveFailures: health.failures,
      lastCycleOk: health.lastOkAt ?? null,
      ...(health.lastError !== undefined && (health.failing || health.failures > 0)
        ? { lastError: publicError(health.lastError) }
        : {}),
      trackedJobs: tracked,
      jobs,
    });
  }
  return report;
}

/** The error as people read it; the request id is for logs. */
function publicError({ code, message, httpStatus }: CycleError): NonNullable<StatusWatch['lastError']> {
  return { code, message, ...(httpStatus === undefined ? {} : { httpStatus }) };
}
