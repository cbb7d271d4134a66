import { formatDuration } from '../../core/duration.js';
import type { JobEvent, JobRecord } from '../../core/types.js';
import { isTerminal } from '../../core/types.js';
import { usageUnit } from './labels.js';
import { api, type EventField, own, type Segment } from './segments.js';
import { multiLine } from './text.js';
import { elapsedMs, formatInstant, spanText } from './time.js';

const numbers = new Intl.NumberFormat('en-US');

/** The labelled facts about a job event, in the order people scan them. */
export function jobFields(event: JobEvent): EventField[] {
  const { job } = event;
  const fields: EventField[] = [{ label: 'Job ID', value: [api(job.id)] }];
  fields.push(statusField(event));
  fields.push({ label: 'Account', value: [api(job.account)] });
  const model = modelField(job);
  if (model !== undefined) fields.push(model);
  if (job.parentId !== undefined) fields.push({ label: 'Fine-tune', value: [api(job.parentId)] });
  const time = timeField(event);
  if (time !== undefined) fields.push(time);
  const unit = usageUnit(job.kind);
  if (job.usage !== undefined) {
    fields.push({ label: 'Usage', value: [own(`${numbers.format(job.usage)}${unit ? ` ${unit}` : ''}`)] });
  }
  if (job.expiresAt !== undefined) fields.push(expiryField(job.expiresAt, event.detectedAt));
  if (job.error !== undefined && (job.error.code !== undefined || job.error.message !== undefined)) {
    const field: EventField = {
      label: 'Error',
      value: job.error.code === undefined ? [] : [api(job.error.code)],
    };
    if (job.error.message !== undefined) field.block = multiLine(job.error.message);
    fields.push(field);
  }
  return fields;
}

function statusField(event: JobEvent): EventField {
  const { job } = event;
  // An unrecognised spelling is worth showing: it is how a new vendor status is noticed.
  const raw: Segment[] = job.status === 'UNKNOWN' ? [own(' (API says '), api(job.rawStatus), own(')')] : [];
  switch (event.type) {
    case 'transition':
      return { label: 'Change', value: [own(`${event.from ?? '?'} → ${event.to ?? job.status}`), ...raw] };
    case 'removed':
      return { label: 'Last status', value: [own(job.status), ...raw, own(' (no longer listed)')] };
    case 'stuck': {
      const age = elapsedMs(event.since ?? statusSince(job), event.detectedAt);
      const forText = age === undefined ? '' : ` for ${formatDuration(age)}`;
      return { label: 'Stuck', value: [own(`${job.status}${forText}`), ...raw] };
    }
    default:
      return { label: 'Status', value: [own(job.status), ...raw] };
  }
}

/** When the job entered its status, as far as the record tells: start for running jobs, else creation. */
function statusSince(job: JobRecord): string | undefined {
  return job.status === 'RUNNING' || job.status === 'CANCELING'
    ? (job.startedAt ?? job.createdAt)
    : job.createdAt;
}

function modelField(job: JobRecord): EventField | undefined {
  const base = job.baseModel ?? job.model;
  const { output } = job;
  if (output !== undefined && base !== undefined && base !== output) {
    return { label: 'Model', value: [api(base), own(' → '), api(output)] };
  }
  if (output !== undefined) return { label: 'Output model', value: [api(output)] };
  if (base !== undefined) return { label: 'Model', value: [api(base)] };
  return undefined;
}

function timeField(event: JobEvent): EventField | undefined {
  const { job } = event;
  const start = job.startedAt ?? job.createdAt;
  if (job.endedAt !== undefined) {
    const span = spanText(start, job.endedAt);
    return span === undefined ? undefined : { label: 'Duration', value: [own(span)] };
  }
  if (isTerminal(job.status) || event.type === 'stuck') return undefined;
  const span = spanText(start, event.detectedAt);
  return span === undefined ? undefined : { label: 'Elapsed', value: [own(`${span} so far`)] };
}

function expiryField(expiresAt: string, now: string): EventField {
  const left = elapsedMs(now, expiresAt);
  const inText = left === undefined ? ' (expired)' : ` (in ${formatDuration(left)})`;
  return { label: 'Expires', value: [own(`${formatInstant(expiresAt)}${inText}`)] };
}
