import type { Change } from '../../store/index.js';
import type { StatusJob, StatusWatch } from '../../watch/status-report.js';
import { durationText, timeElement } from './format.js';
import { html, type SafeHtml } from './html.js';
import { phaseOf } from './segments.js';

/** A job with the watch it belongs to. */
export interface PageJob extends StatusJob {
  watch: string;
  account: string;
}

/** What every section needs to show times. */
export interface Clock {
  nowMs: number;
  timeZone: string;
}

const HEALTH_TEXT = { ok: 'healthy', failing: 'failing', stale: 'no recent cycle' } as const;

export function watchesSection(watches: readonly StatusWatch[], clock: Clock): SafeHtml {
  const rows = watches.map((watch) => {
    const reason = watch.lastError === undefined ? '' : `${watch.lastError.code}: ${watch.lastError.message}`;
    const failures =
      watch.consecutiveFailures > 0
        ? html`${watch.consecutiveFailures} failed ${watch.consecutiveFailures === 1 ? 'cycle' : 'cycles'} in a row`
        : '';
    return html`<tr class="watch ${watch.health}" data-watch="${watch.watch}"><td>${watch.account}</td><td>${watch.kind}</td><td><span class="health ${watch.health}">${HEALTH_TEXT[watch.health]}</span></td><td>${timeElement(watch.lastCycleOk, clock.nowMs, clock.timeZone)}</td><td class="num">${watch.trackedJobs}</td><td class="reason">${failures}${reason === '' ? '' : html`<br><span class="why">${reason}</span>`}</td></tr>`;
  });
  return html`<section id="watches" aria-labelledby="watches-h"><h2 id="watches-h">Watches</h2>
<table><thead><tr><th>Account</th><th>Kind</th><th>Health</th><th>Last good cycle</th><th class="num">Tracked</th><th>Problem</th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="6" class="none">No watch configured.</td></tr>`}</tbody></table></section>`;
}

function statusBadge(job: Pick<StatusJob, 'status' | 'rawStatus'>): SafeHtml {
  const raw = job.rawStatus !== job.status ? job.rawStatus : '';
  return html`<span class="status ${phaseOf(job.status)}"${raw === '' ? '' : html` title="${raw}"`}>${job.status}</span>`;
}

function jobRow(job: PageJob, clock: Clock, when: 'age' | 'ended'): SafeHtml {
  const stuck = job.stuck === true ? html` <span class="badge stuck">stuck</span>` : '';
  const timeCell =
    when === 'age'
      ? html`<td class="num">${durationText(job.ageInStatusMs)}</td>`
      : html`<td>${timeElement(job.lastChange, clock.nowMs, clock.timeZone)}</td>`;
  return html`<tr class="job${job.stuck === true ? ' stuck' : ''}" data-job="${job.watch}/${job.id}"><td>${job.kind}</td><td class="name">${job.name === '' ? html`<span class="none">—</span>` : job.name}</td><td class="id"><code>${job.id}</code></td><td>${statusBadge(job)}${stuck}</td>${timeCell}<td>${job.model ?? ''}</td></tr>`;
}

export function liveJobsSection(jobs: readonly PageJob[], clock: Clock): SafeHtml {
  const stuck = jobs.filter((job) => job.stuck === true).length;
  return html`<section id="live" aria-labelledby="live-h"><h2 id="live-h">Live jobs <span class="count">${jobs.length}${stuck > 0 ? html`, <span class="stuck-count">${stuck} stuck</span>` : ''}</span></h2>
<table><thead><tr><th>Kind</th><th>Name</th><th>Id</th><th>Status</th><th class="num">In status</th><th>Model</th></tr></thead>
<tbody>${jobs.length > 0 ? jobs.map((job) => jobRow(job, clock, 'age')) : html`<tr><td colspan="6" class="none">No live job.</td></tr>`}</tbody></table></section>`;
}

/** The newest of the jobs finished in the window (`shown`), out of `total`. */
export function finishedJobsSection(shown: readonly PageJob[], total: number, clock: Clock): SafeHtml {
  const more = total - shown.length;
  return html`<section id="finished" aria-labelledby="finished-h"><h2 id="finished-h">Finished in the window <span class="count">${total}</span></h2>
<table><thead><tr><th>Kind</th><th>Name</th><th>Id</th><th>Status</th><th>Ended</th><th>Model</th></tr></thead>
<tbody>${shown.length > 0 ? shown.map((job) => jobRow(job, clock, 'ended')) : html`<tr><td colspan="6" class="none">Nothing finished in the window.</td></tr>`}</tbody></table>
${more > 0 ? html`<p class="more">${more} more: <a href="/api/jobs">/api/jobs</a> has every one.</p>` : ''}</section>`;
}

function changeText(change: Change): SafeHtml {
  switch (change.type) {
    case 'transition':
      return html`${change.from ?? '?'} → ${change.to ?? '?'}`;
    case 'created':
      return html`new, ${change.to ?? '?'}`;
    case 'removed':
      return html`removed from the list`;
    case 'stuck':
      return html`stuck in ${change.to ?? 'its status'}`;
    case 'expiring':
      return html`checkpoint expiring`;
    case 'watch_failing':
      return html`watch failing: ${change.detail ?? ''}`;
    case 'watch_recovered':
      return html`watch recovered`;
    default:
      return html`${change.type.replace('_', ' ')}: ${change.detail ?? ''}`;
  }
}

/** A change a silence held back from chat and mail: said beside it, with the silence's id. */
function silencedMark(change: Change): SafeHtml | string {
  if (change.silenced === undefined) return '';
  return html` <span class="silenced" title="held back from chat and mail by silence ${change.silenced}">🔕 silenced</span>`;
}

export function changesSection(
  changes: readonly Change[],
  shown: number,
  windowText: string,
  clock: Clock,
): SafeHtml {
  const rows = changes.slice(0, shown).map((change) => {
    const who =
      change.jobId === undefined
        ? html`<span class="none">—</span>`
        : html`${change.name ?? ''} <code>${change.jobId}</code>`;
    const phase = change.to === undefined ? change.type : phaseOf(change.to);
    return html`<tr class="change ${change.type}" data-change="${change.id}"><td>${timeElement(change.at, clock.nowMs, clock.timeZone)}</td><td>${change.account ?? ''}</td><td>${change.kind ?? ''}</td><td class="name">${who}</td><td><span class="what ${phase}">${changeText(change)}</span>${silencedMark(change)}</td></tr>`;
  });
  const more = changes.length - shown;
  return html`<section id="changes" aria-labelledby="changes-h"><h2 id="changes-h">Changes in the last ${windowText} <span class="count">${changes.length}</span></h2>
<table><thead><tr><th>When</th><th>Account</th><th>Kind</th><th>Job</th><th>What</th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="5" class="none">No change in the window.</td></tr>`}</tbody></table>
${more > 0 ? html`<p class="more">${more} older: <a href="/api/changes">/api/changes</a> has every one.</p>` : ''}</section>`;
}
