import type { DashwatchEvent, JobEvent, SystemEvent, WatchEvent } from '../../core/types.js';
import { isSystemEvent, isTerminal, isWatchEvent } from '../../core/types.js';
import { jobFields } from './job-fields.js';
import { eventEmoji, kindLabel } from './labels.js';
import { api, type EventField, own } from './segments.js';
import { multiLine } from './text.js';
import { formatInstant } from './time.js';

/** A channel-neutral rendering of one event: each notifier turns it into its own format. */
export interface EventView {
  eventId: string;
  /** The job or watch id: every message about the event names it. */
  subjectId: string;
  emoji: string;
  /** `FAILED`, `NEW`, `STUCK`, `WATCH FAILING`, … */
  verb: string;
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
export function eventView(event: DashwatchEvent): EventView {
  if (isWatchEvent(event)) return watchView(event);
  return isSystemEvent(event) ? systemView(event) : jobView(event);
}

function jobView(event: JobEvent): EventView {
  const { job } = event;
  return {
    eventId: event.id,
    subjectId: job.id,
    emoji: eventEmoji(event),
    verb: jobVerb(event),
    what: kindLabel(job.kind),
    name: job.name ?? job.id,
    watch: false,
    failed: job.status === 'FAILED',
    fields: jobFields(event),
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

function watchView(event: WatchEvent): EventView {
  const { watch, error } = event;
  const failing = event.type === 'watch_failing';
  const fields: EventField[] = [
    { label: 'Watch ID', value: [api(watch.id)] },
    { label: 'Account', value: [api(watch.account)] },
    {
      label: 'Failures',
      value: [
        own(
          failing
            ? `${event.failures} consecutive failed polls`
            : `recovered after ${event.failures} failed polls`,
        ),
      ],
    },
  ];
  if (error !== undefined) {
    const context: string[] = [];
    if (error.httpStatus !== undefined) context.push(`HTTP ${error.httpStatus}`);
    const value = [api(error.code)];
    if (context.length > 0) value.push(own(` (${context.join(', ')})`));
    if (error.requestId !== undefined) value.push(own(' request id '), api(error.requestId));
    fields.push({ label: failing ? 'Error' : 'Last error', value, block: multiLine(error.message) });
  }
  return {
    eventId: event.id,
    subjectId: watch.id,
    emoji: eventEmoji(event),
    verb: failing ? 'WATCH FAILING' : 'WATCH RECOVERED',
    what: `${kindLabel(watch.kind)} watch`,
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

function systemView(event: SystemEvent): EventView {
  const fields: EventField[] = [
    { label: 'Deployment', value: [api(event.deployment)] },
    {
      label: event.type === 'store_reset' ? 'Last seen intact' : 'Since',
      value: [own(formatInstant(event.since))],
    },
    { label: 'What', value: [], block: multiLine(event.detail) },
  ];
  return {
    eventId: event.id,
    subjectId: event.deployment,
    emoji: eventEmoji(event),
    verb: SYSTEM_VERBS[event.type],
    what: 'dashwatch',
    name: event.deployment,
    watch: true,
    failed: event.type !== 'store_recovered',
    fields,
  };
}
