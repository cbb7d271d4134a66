import { isTerminal } from '../../core/types.js';
import type { Change } from '../../store/index.js';
import type { StatusWatch } from '../../watch/status-report.js';
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
export const MAX_TIMELINE_ROWS = 400;
export const MAX_CHANGE_ROWS = 300;
export const MAX_FINISHED_ROWS = 300;

const HOUR = 3_600_000;

/** The status page: watches, the timeline, live and finished jobs, the history; all server-rendered. */
export function statusPage(model: PageModel): SafeHtml {
  const nowMs = model.now.getTime();
  const startMs = nowMs - model.windowMs;
  const clock = { nowMs, timeZone: model.timeZone };
  const jobs: PageJob[] = model.watches.flatMap((watch) =>
    watch.jobs.map((job) => ({ ...job, watch: watch.watch, account: watch.account })),
  );
  const live = jobs.filter((job) => !isTerminal(job.status));
  // Finished in the window: seen to change in it. A job first seen already finished (a baseline) is not.
  const changed = new Set(model.changes.map((change) => `${change.watch}/${change.jobId}`));
  const finished = jobs.filter((job) => isTerminal(job.status) && changed.has(`${job.watch}/${job.id}`));
  const rows = timelineRows([...live, ...finished], model.changes, startMs, nowMs);
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
${finishedJobsSection(finished, MAX_FINISHED_ROWS, clock)}
${changesSection(model.changes, MAX_CHANGE_ROWS, windowText, clock)}
</main>
<footer><p>JSON: <a href="/api/watches">/api/watches</a> · <a href="/api/jobs">/api/jobs</a> · <a href="/api/changes">/api/changes</a></p></footer>`;
  return documentHtml({ title, reloadSeconds: Math.max(30, Math.round(model.refreshMs / 1000)), body });
}

function windowLabel(ms: number): string {
  const hours = ms / HOUR;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}

/**
 * One row per job active in the window, earliest start first. Past the cap, the jobs that changed
 * last are kept: they are the ones people look for.
 */
function timelineRows(
  jobs: readonly PageJob[],
  changes: readonly Change[],
  startMs: number,
  nowMs: number,
): TimelineRow[] {
  const byJob = new Map<string, Change[]>();
  // Newest first in, oldest first out.
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i] as Change;
    if (change.jobId === undefined || change.watch === undefined) continue;
    const key = `${change.watch}/${change.jobId}`;
    const list = byJob.get(key);
    if (list === undefined) byJob.set(key, [change]);
    else list.push(change);
  }
  const kept =
    jobs.length <= MAX_TIMELINE_ROWS
      ? jobs
      : [...jobs].sort((a, b) => b.lastChange.localeCompare(a.lastChange)).slice(0, MAX_TIMELINE_ROWS);
  const rows = kept.map((job) => {
    const key = `${job.watch}/${job.id}`;
    const segments = segmentsOf({ ...job, changes: byJob.get(key) ?? [] }, startMs, nowMs);
    const title = job.name === '' ? job.id : `${job.name} (${job.id})`;
    return { key, label: job.name === '' ? job.id : job.name, title, segments };
  });
  return rows
    .filter((row) => row.segments.length > 0)
    .sort(
      (a, b) => (a.segments[0]?.startMs ?? 0) - (b.segments[0]?.startMs ?? 0) || a.key.localeCompare(b.key),
    );
}
