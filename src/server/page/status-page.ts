import { byCodeUnits } from '../../core/compare.js';
import { isTerminal } from '../../core/types.js';
import type { Change } from '../../store/index.js';
import type { StatusJob, StatusWatch } from '../../watch/status-report.js';
import { documentHtml } from './document.js';
import { clockText } from './format.js';
import { html, type SafeHtml } from './html.js';
import {
  changesSection,
  finishedJobsSection,
  liveJobsSection,
  type PageJob,
  watchesSection,
} from './sections.js';
import { segmentsOf } from './segments.js';
import { type TimelineRow, timelineSvg } from './timeline.js';

/** Everything the page shows, read once per request. */
export interface PageModel {
  now: Date;
  /** The timeline's and the history's span, ending now. */
  windowMs: number;
  refreshMs: number;
  timeZone: string;
  watches: readonly StatusWatch[];
  /** Changes in the window, newest first. */
  changes: readonly Change[];
}

/** Windows offered as links (hours). */
export const WINDOW_HOURS = [1, 6, 24] as const;
/** Rows beyond these are left to the JSON API, so a burst cannot make the page unreadable or slow. */
export const MAX_TIMELINE_ROWS = 300;
export const MAX_CHANGE_ROWS = 200;
export const MAX_FINISHED_ROWS = 150;

const HOUR = 3_600_000;

/** The status page: watches, the timeline, live and finished jobs, the history; all server-rendered. */
export function statusPage(model: PageModel): SafeHtml {
  const nowMs = model.now.getTime();
  const startMs = nowMs - model.windowMs;
  const clock = { nowMs, timeZone: model.timeZone };
  // Finished in the window: seen to change in it. A job first seen already finished (a baseline) is not.
  const changed = changesByJob(model.changes);
  const live: PageJob[] = [];
  let finished: JobRef[] = [];
  for (const watch of model.watches) {
    const ofWatch = changed.get(watch.watch);
    for (const job of watch.jobs) {
      if (!isTerminal(job.status)) live.push(pageJob({ job, watch }, nowMs));
      else if (ofWatch?.has(job.id)) finished.push({ job, watch });
    }
  }
  // Page rows are made for what is shown only: a day can hold many thousands of finished jobs.
  finished = finished.sort((a, b) => byCodeUnits(b.job.lastChange, a.job.lastChange));
  const finishedShown = finished.slice(0, MAX_FINISHED_ROWS).map((ref) => pageJob(ref, nowMs));
  const rows = timelineRows(live, finished, changed, startMs, nowMs);
  const hidden = live.length + finished.length - rows.length;
  const failing = model.watches.filter((watch) => watch.health !== 'ok').length;
  const windowText = windowLabel(model.windowMs);
  const title = `dashwatch · ${live.length} live${failing > 0 ? ` · ${failing} watch${failing === 1 ? '' : 'es'} not healthy` : ''}`;
  const body = html`<header>
<h1>dashwatch</h1>
<nav aria-label="Window">${WINDOW_HOURS.map((hours) => {
    const current = hours * HOUR === model.windowMs;
    return html`<a href="/?hours=${hours}"${current ? html` aria-current="page"` : ''}>${hours} h</a>`;
  })}</nav>
<p class="refresh"><span id="refresh-state">Refreshes every ${Math.round(model.refreshMs / 1000)} s.</span></p>
</header>
<main id="status" data-refresh-ms="${model.refreshMs}" data-title="${title}">
<p class="generated">As of <time datetime="${model.now.toISOString()}">${clockText(nowMs, nowMs, model.timeZone)}</time> (${model.timeZone}).</p>
${watchesSection(model.watches, clock)}
<section id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">Timeline, last ${windowText} <span class="count">${rows.length} ${rows.length === 1 ? 'job' : 'jobs'}</span></h2>
${rows.length > 0 ? timelineSvg(rows, { startMs, nowMs, timeZone: model.timeZone }) : html`<p class="none">No job was active in the window.</p>`}
${hidden > 0 ? html`<p class="more">${hidden} more jobs were active; the tables below list them.</p>` : ''}
<ul class="legend">${(['queued', 'running', 'succeeded', 'failed', 'canceled'] as const).map((phase) => html`<li><span class="swatch ${phase}"></span>${phase}</li>`)}</ul>
</section>
${liveJobsSection(live, clock)}
${finishedJobsSection(finishedShown, finished.length, clock)}
${changesSection(model.changes, MAX_CHANGE_ROWS, windowText, clock)}
</main>
<footer><p>JSON: <a href="/api/watches">/api/watches</a> · <a href="/api/jobs">/api/jobs</a> · <a href="/api/changes">/api/changes</a></p></footer>`;
  return documentHtml({ title, reloadSeconds: Math.max(30, Math.round(model.refreshMs / 1000)), body });
}

function windowLabel(ms: number): string {
  const hours = ms / HOUR;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}

/** A job of the report and its watch, before the page makes a row of it. */
interface JobRef {
  job: StatusJob;
  watch: StatusWatch;
}

/** A row's job, its age from now (the report may have been read a moment ago). */
function pageJob({ job, watch }: JobRef, nowMs: number): PageJob {
  return {
    ...job,
    ageInStatusMs: Math.max(0, nowMs - Date.parse(job.since)),
    watch: watch.watch,
    account: watch.account,
  };
}

/**
 * One row per job active in the window (live, or finished in it), earliest start first. Past the
 * cap, the jobs that changed last are kept: they are the ones people look for.
 */
function timelineRows(
  live: readonly PageJob[],
  finished: readonly JobRef[],
  changed: ChangesByJob,
  startMs: number,
  nowMs: number,
): TimelineRow[] {
  let jobs: PageJob[] = [...live, ...finished.slice(0, MAX_TIMELINE_ROWS).map((ref) => pageJob(ref, nowMs))];
  if (jobs.length > MAX_TIMELINE_ROWS) {
    jobs = jobs.sort((a, b) => byCodeUnits(b.lastChange, a.lastChange)).slice(0, MAX_TIMELINE_ROWS);
  }
  const rows = jobs.map((job) => {
    const segments = segmentsOf(
      { ...job, changes: changed.get(job.watch)?.get(job.id) ?? [] },
      startMs,
      nowMs,
    );
    const title = job.name === '' ? job.id : `${job.name} (${job.id})`;
    return { key: `${job.watch}/${job.id}`, label: job.name === '' ? job.id : job.name, title, segments };
  });
  return rows
    .filter((row) => row.segments.length > 0)
    .sort(
      (a, b) => (a.segments[0]?.startMs ?? 0) - (b.segments[0]?.startMs ?? 0) || byCodeUnits(a.key, b.key),
    );
}

/** Watch → job id → its changes, oldest first. */
type ChangesByJob = Map<string, Map<string, Change[]>>;

function changesByJob(changes: readonly Change[]): ChangesByJob {
  const byWatch: ChangesByJob = new Map();
  // Newest first in, oldest first out.
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i] as Change;
    if (change.watch === undefined || change.jobId === undefined) continue;
    let jobs = byWatch.get(change.watch);
    if (jobs === undefined) {
      jobs = new Map();
      byWatch.set(change.watch, jobs);
    }
    const list = jobs.get(change.jobId);
    if (list === undefined) jobs.set(change.jobId, [change]);
    else list.push(change);
  }
  return byWatch;
}
