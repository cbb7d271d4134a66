import { isSystemEvent, type JobRecord, type SystemEvent, type WatchEvent } from '../../core/types.js';
import type { DigestReport } from '../digest-report.js';
import type { ChatMarkup } from './chat-markdown.js';
import { digestHeadline, digestWindow } from './digest.js';
import { eventEmoji, kindLabel, STATUS_EMOJI } from './labels.js';
import { groupSweeps, type JobGroup } from './sweeps.js';
import { oneLine, shorten } from './text.js';
import { elapsedMs } from './time.js';
import type { Words } from './words.js';

/** A chat digest: a plain-text title and markdown lines, ready for the channel to wrap. */
export interface ChatDigest {
  title: string;
  lines: string[];
}

/** The most lines one list shows before the rest is counted. */
const LISTED = 10;
/** Names are shortened in a digest line; the id beside them identifies the job in full. */
const NAME_MAX = 80;

interface List {
  heading: string;
  /** One line per job, or per sweep, with how many jobs it stands for. */
  items: { line: string; size: number }[];
}

/**
 * A digest as one chat message: headline, window, counts, then failures first, finished jobs, live
 * ones and watch problems. Jobs of one sweep share a line. Each list shows as many lines as let the
 * whole message pass `fits` (at most 10), and counts the rest ("…and 12 more"): a digest is always
 * one message, whatever the day was like.
 */
export function chatDigest(
  report: DigestReport,
  markup: ChatMarkup,
  words: Words,
  fits: (digest: ChatDigest) => boolean,
): ChatDigest {
  const d = words.digest;
  const title = `dashwatch · ${d.title(report.name)}: ${digestHeadline(report, words)}`;
  const line = new LineMaker(markup, words);
  const hushed = new Set(report.silenced);
  const mark = (group: JobGroup) =>
    group.jobs.some((job) => hushed.has(job.id)) ? ` · ${markup.own(words.silenced)}` : '';
  const sweeps = (jobs: JobRecord[], note: (group: JobGroup) => string) =>
    groupSweeps(jobs).map((group) => ({
      line: line.group(group, note(group) + mark(group)),
      size: group.jobs.length,
    }));
  const lists: List[] = [
    { heading: d.failed, items: sweeps(report.failures, (group) => line.failureNote(group)) },
    { heading: d.finished, items: sweeps(report.finished, (group) => line.finishedNote(group)) },
    {
      heading: d.live,
      items: report.live.map(({ job, ageMs }) => ({
        line: line.group(
          { jobs: [job] },
          markup.own(`${words.status[job.status]}${words.forDuration(words.duration(ageMs))}`),
        ),
        size: 1,
      })),
    },
    {
      heading: d.problems,
      items: report.watchProblems.map((event) => ({ line: line.problem(event), size: 1 })),
    },
  ];
  const build = (listed: number): ChatDigest => {
    const lines = [
      `#### ${markup.own(title)}`,
      markup.own(digestWindow(report)),
      markup.bold(markup.own(d.counts)),
    ];
    lines.push(...line.counts(report));
    for (const { heading, items } of lists) {
      if (items.length === 0) continue;
      const total = items.reduce((sum, item) => sum + item.size, 0);
      lines.push(markup.bold(markup.own(`${heading} (${total})`)));
      lines.push(...items.slice(0, listed).map((item) => `- ${item.line}`));
      const rest = items.slice(listed).reduce((sum, item) => sum + item.size, 0);
      if (rest > 0) lines.push(`- ${markup.own(d.andMore(rest))}`);
    }
    return { title, lines };
  };
  for (let listed = LISTED; listed > 0; listed -= 1) {
    const digest = build(listed);
    if (fits(digest)) return digest;
  }
  return build(0);
}

/** The lines of a chat digest, in one channel's markup and one language. */
class LineMaker {
  constructor(
    private readonly markup: ChatMarkup,
    private readonly words: Words,
  ) {}

  private kind(name: string): string {
    return this.markup.own(this.words.kind(name, kindLabel(name)));
  }

  counts(report: DigestReport): string[] {
    const { markup, words } = this;
    if (report.counts.length === 0) return [`- ${markup.own(words.digest.noCounts)}`];
    return report.counts.map(
      ({ kind, status, count }) =>
        `- ${STATUS_EMOJI[status]} ${this.kind(kind)} ${markup.own(words.status[status])}: ${count}`,
    );
  }

  /** A job, or a sweep as one line: what its jobs share, how many, the first and last id. */
  group(group: JobGroup, note: string): string {
    const { markup } = this;
    const [job] = group.jobs;
    const last = group.jobs.at(-1);
    if (job === undefined || last === undefined) return '';
    const head = `${STATUS_EMOJI[job.status]} ${this.kind(job.kind)}`;
    if (group.label !== undefined) {
      const label = markup.api(shorten(oneLine(group.label), NAME_MAX));
      return `${head} ${label} ×${group.jobs.length} (${markup.api(job.id)} … ${markup.api(last.id)}) · ${note}`;
    }
    const name = job.name === undefined ? '' : `${markup.api(shorten(oneLine(job.name), NAME_MAX))} `;
    return `${head} ${name}(${markup.api(job.id)}) · ${note}`;
  }

  finishedNote(group: JobGroup): string {
    const { markup, words } = this;
    const [job] = group.jobs;
    if (job === undefined) return '';
    const status = markup.own(words.status[job.status]);
    if (group.jobs.length > 1) return status;
    const ms = elapsedMs(job.startedAt ?? job.createdAt, job.endedAt);
    const note = ms === undefined ? status : `${status}, ${markup.own(words.duration(ms))}`;
    return job.output === undefined ? note : `${note} → ${markup.api(shorten(job.output, NAME_MAX))}`;
  }

  failureNote(group: JobGroup): string {
    const { markup, words } = this;
    const failed = markup.own(words.status.FAILED);
    const codes = [...new Set(group.jobs.map((job) => job.error?.code).filter((code) => code !== undefined))];
    if (codes.length === 0) return failed;
    const shown = codes.slice(0, 3).map((code) => markup.api(shorten(oneLine(code), NAME_MAX)));
    return `${failed} · ${shown.join(', ')}${codes.length > 3 ? ', …' : ''}`;
  }

  problem(event: WatchEvent | SystemEvent): string {
    const { markup, words } = this;
    if (isSystemEvent(event)) return `${eventEmoji(event)} ${markup.api(oneLine(event.detail))}`;
    const watch = markup.own(words.watchOf(words.kind(event.watch.kind, kindLabel(event.watch.kind))));
    const error = event.error ? ` · ${markup.api(event.error.code)}` : '';
    return `${eventEmoji(event)} ${watch} ${markup.api(event.watch.account)}${error}`;
  }
}
