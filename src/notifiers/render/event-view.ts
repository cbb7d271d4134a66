import type { DashwatchEvent, JobEvent, SystemEvent, WatchEvent } from '../../core/types.js';
import { isSystemEvent, isTerminal, isWatchEvent } from '../../core/types.js';
import { jobFields } from './job-fields.js';
import { eventEmoji, kindLabel } from './labels.js';
import { api, type EventField, own } from './segments.js';
import { multiLine } from './text.js';
import { formatInstant } from './time.js';
import type { Words } from './words.js';
import { EN } from './words-en.js';

/** A channel-neutral rendering of one event: each notifier turns it into its own format. */
export interface EventView {
  eventId: string;
  /** The job or watch id: every message about the event names it. */
  subjectId: string;
  emoji: string;
  /** The headline's verb in the message's language (`FAILED`, `失败`, `排队超时`, …). */
  verb: string;
  /** The verb's stable key, whatever the language: `FAILED`, `NEW`, `STUCK`, `WATCH FAILING`, … */
  key: string;
  /** `Fine-tune`, `Model import`, `Checkpoint watch`, … */
  what: string;
  /** API text: the job's name (its id when unnamed), or the watch's account. */
  name: string;
  /** A watch event rather than a job event. */
  watch: boolean;
  failed: boolean;
  fields: EventField[];
}

/** Turns an event into what every channel shows: headline parts and labelled fields. */
export function eventView(event: DashwatchEvent, words: Words = EN): EventView {
  if (isWatchEvent(event)) return watchView(event, words);
  return isSystemEvent(event) ? systemView(event, words) : jobView(event, words);
}

function jobView(event: JobEvent, words: Words): EventView {
  const { job } = event;
  const key = jobVerb(event);
  return {
    eventId: event.id,
    subjectId: job.id,
    emoji: eventEmoji(event),
    verb: words.verb(key, job.status),
    key,
    what: words.kind(job.kind, kindLabel(job.kind)),
    name: job.name ?? job.id,
    watch: false,
    failed: job.status === 'FAILED',
    fields: jobFields(event, words),
  };
}

function jobVerb(event: JobEvent): string {
  switch (event.type) {
    case 'transition':
      return event.to ?? event.job.status;
    case 'created':
      // A job born and finished between two polls is news for its outcome, not its birth.
      return isTerminal(event.job.status) ? event.job.status : 'NEW';
    default:
      return event.type.toUpperCase();
  }
}

function watchView(event: WatchEvent, words: Words): EventView {
  const { watch, error } = event;
  const failing = event.type === 'watch_failing';
  const fields: EventField[] = [
    { label: words.label.watchId, value: [api(watch.id)] },
    { label: words.label.account, value: [api(watch.account)] },
    {
      label: words.label.failures,
      value: [own(failing ? words.failedPolls(event.failures) : words.recoveredAfter(event.failures))],
    },
  ];
  if (error !== undefined) {
    const context: string[] = [];
    if (error.httpStatus !== undefined) context.push(`HTTP ${error.httpStatus}`);
    const value = [api(error.code)];
    if (context.length > 0) value.push(own(` (${context.join(', ')})`));
    if (error.requestId !== undefined) value.push(own(words.requestId), api(error.requestId));
    fields.push({
      label: failing ? words.label.error : words.label.lastError,
      value,
      block: multiLine(error.message),
    });
  }
  const key = failing ? 'WATCH FAILING' : 'WATCH RECOVERED';
  return {
    eventId: event.id,
    subjectId: watch.id,
    emoji: eventEmoji(event),
    verb: words.verb(key, 'UNKNOWN'),
    key,
    what: words.watchOf(words.kind(watch.kind, kindLabel(watch.kind))),
    name: watch.account,
    watch: true,
    failed: failing,
    fields,
  };
}

const SYSTEM_VERBS: Record<SystemEvent['type'], string> = {
  store_failing: 'REDIS FAILING',
  store_recovered: 'REDIS RECOVERED',
  store_reset: 'REDIS STATE LOST',
};

function systemView(event: SystemEvent, words: Words): EventView {
  const fields: EventField[] = [
    { label: words.label.deployment, value: [api(event.deployment)] },
    {
      label: event.type === 'store_reset' ? words.label.lastSeenIntact : words.label.since,
      value: [own(formatInstant(event.since))],
    },
    { label: words.label.what, value: [], block: multiLine(event.detail) },
  ];
  const key = SYSTEM_VERBS[event.type];
  return {
    eventId: event.id,
    subjectId: event.deployment,
    emoji: eventEmoji(event),
    verb: words.verb(key, 'UNKNOWN'),
    key,
    what: 'dashwatch',
    name: event.deployment,
    watch: true,
    failed: event.type !== 'store_recovered',
    fields,
  };
}
