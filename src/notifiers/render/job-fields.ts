import type { FailureLog, JobEvent, JobRecord } from '../../core/types.js';
import { isTerminal } from '../../core/types.js';
import { usageUnit } from './labels.js';
import { api, type EventField, own, type Segment } from './segments.js';
import { multiLine } from './text.js';
import { elapsedMs, formatInstant } from './time.js';
import type { Words } from './words.js';

/** The labelled facts about a job event, in the order people scan them. */
export function jobFields(event: JobEvent, words: Words): EventField[] {
  const { job } = event;
  const fields: EventField[] = [{ label: words.label.jobId, value: [api(job.id)] }];
  fields.push(statusField(event, words));
  fields.push({ label: words.label.account, value: [api(job.account)] });
  const model = modelField(job, words);
  if (model !== undefined) fields.push(model);
  if (job.parentId !== undefined) fields.push({ label: words.label.fineTune, value: [api(job.parentId)] });
  const time = timeField(event, words);
  if (time !== undefined) fields.push(time);
  const unit = usageUnit(job.kind);
  if (job.usage !== undefined) {
    const shown = `${words.number(job.usage)}${unit ? ` ${words.usageUnit(unit)}` : ''}`;
    fields.push({ label: words.label.usage, value: [own(shown)] });
  }
  if (job.expiresAt !== undefined) fields.push(expiryField(job.expiresAt, event.detectedAt, words));
  if (job.error !== undefined && (job.error.code !== undefined || job.error.message !== undefined)) {
    const field: EventField = {
      label: words.label.error,
      value: job.error.code === undefined ? [] : [api(job.error.code)],
    };
    if (job.error.message !== undefined) field.block = multiLine(job.error.message);
    fields.push(field);
  }
  if (event.failureLog !== undefined) fields.push(logField(event.failureLog, words));
  return fields;
}

function logField(log: FailureLog, words: Words): EventField {
  if ('unreadable' in log)
    return { label: words.label.log, value: [own(words.logUnreadable(log.unreadable))] };
  return {
    label: words.label.log,
    value: [own(words.logTail(log.lines.length, log.total))],
    block: log.lines.map(multiLine).join('\n'),
    tail: true,
  };
}

function statusField(event: JobEvent, words: Words): EventField {
  const { job } = event;
  const status = words.status[job.status];
  // An unrecognised spelling is worth showing: it is how a new vendor status is noticed.
  const closing = words.apiSays.startsWith('（') ? '）' : ')';
  const raw: Segment[] =
    job.status === 'UNKNOWN' ? [own(words.apiSays), api(job.rawStatus), own(closing)] : [];
  switch (event.type) {
    case 'transition': {
      const from = event.from === undefined ? '?' : words.status[event.from];
      return {
        label: words.label.change,
        value: [own(`${from} → ${words.status[event.to ?? job.status]}`), ...raw],
      };
    }
    case 'removed':
      return { label: words.label.lastStatus, value: [own(status), ...raw, own(words.noLongerListed)] };
    case 'stuck': {
      const age = elapsedMs(event.since ?? statusSince(job), event.detectedAt);
      const forText = age === undefined ? '' : words.forDuration(words.duration(age));
      return { label: words.label.stuck, value: [own(`${status}${forText}`), ...raw] };
    }
    default:
      return { label: words.label.status, value: [own(status), ...raw] };
  }
}

/** When the job entered its status, as far as the record tells: start for running jobs, else creation. */
function statusSince(job: JobRecord): string | undefined {
  return job.status === 'RUNNING' || job.status === 'CANCELING'
    ? (job.startedAt ?? job.createdAt)
    : job.createdAt;
}

function modelField(job: JobRecord, words: Words): EventField | undefined {
  const base = job.baseModel ?? job.model;
  const { output } = job;
  if (output !== undefined && base !== undefined && base !== output) {
    return { label: words.label.model, value: [api(base), own(' → '), api(output)] };
  }
  if (output !== undefined) return { label: words.label.outputModel, value: [api(output)] };
  if (base !== undefined) return { label: words.label.model, value: [api(base)] };
  return undefined;
}

function timeField(event: JobEvent, words: Words): EventField | undefined {
  const { job } = event;
  const start = job.startedAt ?? job.createdAt;
  if (job.endedAt !== undefined) {
    const ms = elapsedMs(start, job.endedAt);
    return ms === undefined ? undefined : { label: words.label.duration, value: [own(words.duration(ms))] };
  }
  if (isTerminal(job.status) || event.type === 'stuck') return undefined;
  const ms = elapsedMs(start, event.detectedAt);
  return ms === undefined
    ? undefined
    : { label: words.label.elapsed, value: [own(words.soFar(words.duration(ms)))] };
}

function expiryField(expiresAt: string, now: string, words: Words): EventField {
  const left = elapsedMs(now, expiresAt);
  const inText = left === undefined ? words.expired : words.inDuration(words.duration(left));
  return { label: words.label.expires, value: [own(`${formatInstant(expiresAt)}${inText}`)] };
}
