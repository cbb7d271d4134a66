import { zoneOffsetMs } from '../../core/zone.js';
import { clockText, durationText } from './format.js';
import { html, type SafeHtml } from './html.js';
import { phaseOf, type Segment } from './segments.js';

/** One row of the chart. */
export interface TimelineRow {
  /** Unique among rows (watch and job id). */
  key: string;
  label: string;
  /** Shown on hover: name and id. */
  title: string;
  segments: readonly Segment[];
}

export interface TimelineWindow {
  startMs: number;
  nowMs: number;
  timeZone: string;
}

const WIDTH = 1000;
const LABEL_WIDTH = 230;
const CHART_LEFT = LABEL_WIDTH + 10;
const CHART_RIGHT = WIDTH - 40;
const AXIS_HEIGHT = 22;
const ROW_HEIGHT = 18;
const BAR_HEIGHT = 12;
const LABEL_CHARS = 32;
const HOUR = 3_600_000;

/**
 * The Gantt chart: one row per job, a bar per status stretch coloured by phase (finished stretches
 * faded), hour ticks on the wall clock of the configured zone, and a line at now. Plain SVG made on
 * the server; the stylesheet gives the colours (light and dark), `<title>`s give the hover text.
 */
export function timelineSvg(rows: readonly TimelineRow[], window: TimelineWindow): SafeHtml {
  const { startMs, nowMs, timeZone } = window;
  const span = Math.max(1, nowMs - startMs);
  const x = (ms: number) => CHART_LEFT + ((ms - startMs) / span) * (CHART_RIGHT - CHART_LEFT);
  const height = AXIS_HEIGHT + rows.length * ROW_HEIGHT + 6;
  const ticks = tickTimes(startMs, nowMs, timeZone).map(
    (at) =>
      html`<g class="tick"><line x1="${x(at).toFixed(1)}" x2="${x(at).toFixed(1)}" y1="${AXIS_HEIGHT - 4}" y2="${height}"></line><text x="${x(at).toFixed(1)}" y="${AXIS_HEIGHT - 8}">${clockText(at, nowMs, timeZone)}</text></g>`,
  );
  const body = rows.map((row, i) => {
    const top = AXIS_HEIGHT + i * ROW_HEIGHT;
    const bars = row.segments.map((segment) => {
      const left = x(segment.startMs);
      const width = Math.max(3, x(segment.endMs) - left);
      const until = segment.endMs >= nowMs ? 'now' : clockText(segment.endMs, nowMs, timeZone);
      const tip = `${row.title} · ${segment.status} · ${clockText(segment.startMs, nowMs, timeZone)}–${until} (${durationText(segment.endMs - segment.startMs)})`;
      const classes = `seg ${phaseOf(segment.status)}${segment.final ? ' final' : ''}`;
      return html`<rect class="${classes}" x="${left.toFixed(1)}" y="${top + (ROW_HEIGHT - BAR_HEIGHT) / 2}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" rx="2"><title>${tip}</title></rect>`;
    });
    return html`<g class="row" data-job="${row.key}"><title>${row.title}</title><text class="label" x="${LABEL_WIDTH}" y="${top + ROW_HEIGHT - 5}">${truncate(row.label)}</text>${bars}</g>`;
  });
  const now = x(nowMs).toFixed(1);
  return html`<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="timeline-title"><title id="timeline-title">Jobs active since ${clockText(startMs, nowMs, timeZone)}, one row per job</title>${ticks}${body}<g class="now"><line x1="${now}" x2="${now}" y1="${AXIS_HEIGHT - 4}" y2="${height}"></line><text x="${now}" y="${AXIS_HEIGHT - 8}">now</text></g></svg>`;
}

function truncate(text: string): string {
  const chars = [...text];
  return chars.length <= LABEL_CHARS ? text : `${chars.slice(0, LABEL_CHARS - 1).join('')}…`;
}

/** Round wall-clock times inside the window: every 10 min up to 1 h, then 1, 2 or 3 h. */
function tickTimes(startMs: number, nowMs: number, timeZone: string): number[] {
  const span = nowMs - startMs;
  const step = span <= HOUR ? HOUR / 6 : span <= 6 * HOUR ? HOUR : span <= 12 * HOUR ? 2 * HOUR : 3 * HOUR;
  const offset = zoneOffsetMs(timeZone, startMs) ?? 0;
  const ticks: number[] = [];
  for (let at = Math.ceil((startMs + offset) / step) * step - offset; at < nowMs - step / 3; at += step) {
    ticks.push(at);
  }
  return ticks;
}
