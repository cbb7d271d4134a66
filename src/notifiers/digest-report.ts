import type { JobKind, JobRecord, JobStatus, SystemEvent, WatchEvent } from '../core/types.js';

/** What a digest covers: the window, counts per kind and status, and the jobs worth naming. */
export interface DigestReport {
  /** The digest's name in the config. */
  name: string;
  /** ISO 8601 UTC. */
  windowStart: string;
  windowEnd: string;
  /** The zone the window and times are shown in. */
  timeZone: string;
  counts: { kind: JobKind; status: JobStatus; count: number }[];
  /** Jobs that finished in the window, shown with duration and output model. */
  finished: JobRecord[];
  /** Jobs that failed in the window, shown with their errors. */
  failures: JobRecord[];
  /** Jobs still live at the end of the window, with how long they have been in their status. */
  live: { job: JobRecord; ageMs: number }[];
  /** Ids of the named jobs whose news a silence kept from chat and mail: shown marked. */
  silenced?: string[];
  /** Watches that failed, and problems with dashwatch's own Redis. */
  watchProblems: (WatchEvent | SystemEvent)[];
}
