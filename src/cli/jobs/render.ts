import { formatDuration } from '../../core/duration.js';
import type { JobKind, JobRecord } from '../../core/types.js';
import type { WaitOutcome, WaitUpdate } from '../../jobs/index.js';
import { kindOf } from '../../kinds/index.js';
import { type CommandIo, EXIT_JOB_CANCELED, EXIT_JOB_FAILED, EXIT_OK, EXIT_TIMED_OUT } from '../command.js';
import { printable } from '../printable.js';

/** The job's status as the vendor spells it when that differs: `SUCCEEDED (SUCCESSED)`. */
function statusOf(job: JobRecord): string {
  return job.rawStatus === job.status ? job.status : `${job.status} (${printable(job.rawStatus)})`;
}

function labelOf(kind: JobKind): string {
  return kindOf(kind)?.label ?? kind;
}

/** The progress line: status and time in it first (a narrow terminal cuts the end), time waited, checkpoints. */
export function progressText(update: WaitUpdate, nowMs: number, waitedMs: number): string {
  const { job, checkpoints } = update;
  const parts = [
    `${statusOf(job)} for ${seconds(nowMs - update.statusSinceMs)}`,
    `waited ${seconds(waitedMs)}`,
  ];
  if (checkpoints !== undefined && checkpoints.count > 0)
    parts.push(
      `${printable(checkpoints.latest ?? '')} (${checkpoints.count} checkpoint${checkpoints.count === 1 ? '' : 's'})`,
    );
  parts.push(`${labelOf(job.kind)} ${job.id}`);
  return parts.join(' · ');
}

/** Whole seconds: a clock that ticks each second, not in jittery milliseconds. */
function seconds(ms: number): string {
  return ms < 1000 ? '0s' : formatDuration(Math.floor(ms / 1000) * 1000);
}

/** Shows a wait's progress: one line rewritten in place on a terminal, a line per change otherwise. */
export interface ProgressView {
  update(update: WaitUpdate): void;
  /** Clears the live line (a terminal) and stops its clock; call it before printing anything else. */
  close(): void;
}

const CLEAR_LINE = '\r\u001b[2K';
/** A terminal's line is redrawn this often between polls, so its clocks run. */
const REDRAW_MS = 1000;

export function progressView(io: CommandIo, now: () => number = Date.now): ProgressView {
  const started = now();
  const { tty } = io;
  if (tty === undefined) {
    return {
      update(update) {
        if (update.changed)
          io.out(`${new Date(now()).toISOString()} ${progressText(update, now(), now() - started)}`);
      },
      close() {},
    };
  }
  let last: WaitUpdate | undefined;
  const draw = () => {
    if (last === undefined) return;
    // A line wider than the terminal wraps, and then \r no longer returns to its start.
    tty.write(`${CLEAR_LINE}${fitColumns(progressText(last, now(), now() - started), tty.columns() - 1)}`);
  };
  const clock = setInterval(draw, REDRAW_MS);
  clock.unref();
  return {
    update(update) {
      last = update;
      draw();
    },
    close() {
      clearInterval(clock);
      if (last !== undefined) tty.write(CLEAR_LINE);
      last = undefined;
    },
  };
}

/** `text` cut to `columns` terminal cells; CJK and other wide characters take two. */
export function fitColumns(text: string, columns: number): string {
  let width = 0;
  let out = '';
  for (const char of text) {
    const cell = isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
    if (width + cell > columns) return `${out.slice(0, Math.max(0, out.length - 1))}…`;
    width += cell;
    out += char;
  }
  return out;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** The final summary: status, output model, how long it ran, the vendor's error as it wrote it. */
export function summaryLines(outcome: WaitOutcome, kind: JobKind, id: string): string[] {
  const waited = `waited ${formatDuration(outcome.elapsedMs)}`;
  if (!outcome.ended) {
    const last = outcome.job === undefined ? 'never read' : `last seen ${statusOf(outcome.job)}`;
    return [`${labelOf(kind)} ${id}: timed out after ${formatDuration(outcome.elapsedMs)}; ${last}`];
  }
  const { job } = outcome;
  const lines = [`${labelOf(job.kind)} ${job.id}: ${statusOf(job)}`];
  if (job.name !== undefined && job.name !== job.id) lines.push(`  name: ${printable(job.name)}`);
  if (job.output !== undefined) lines.push(`  output model: ${printable(job.output)}`);
  const ran = runTime(job);
  if (ran !== undefined) lines.push(`  ran: ${formatDuration(ran)} (${job.createdAt} → ${job.endedAt})`);
  if (job.error !== undefined) {
    const { code, message } = job.error;
    lines.push(`  error: ${printable([code, message].filter((part) => part !== undefined).join(': '))}`);
  }
  lines.push(`  ${waited}`);
  return lines;
}

function runTime(job: JobRecord): number | undefined {
  if (job.createdAt === undefined || job.endedAt === undefined) return undefined;
  const ms = Date.parse(job.endedAt) - Date.parse(job.createdAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The outcome for scripts (`--json`): one object, the job as dashwatch normalizes it. */
export function outcomeJson(outcome: WaitOutcome, kind: JobKind, id: string): Record<string, unknown> {
  return {
    id,
    kind,
    status: outcome.job?.status ?? null,
    rawStatus: outcome.job?.rawStatus ?? null,
    timedOut: !outcome.ended,
    waitedMs: outcome.elapsedMs,
    job: outcome.job ?? null,
  };
}

/** 0 SUCCEEDED, 3 FAILED, 4 CANCELED, 5 timed out. */
export function exitCodeOf(outcome: WaitOutcome): number {
  if (!outcome.ended) return EXIT_TIMED_OUT;
  switch (outcome.job.status) {
    case 'SUCCEEDED':
      return EXIT_OK;
    case 'CANCELED':
      return EXIT_JOB_CANCELED;
    default:
      return EXIT_JOB_FAILED;
  }
}
