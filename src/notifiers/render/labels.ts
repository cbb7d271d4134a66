import type { DashwatchEvent, JobKind, JobStatus } from '../../core/types.js';

/** Job kinds in people's words. */
export const KIND_LABELS: Record<JobKind, string> = {
  fine_tune: 'Fine-tune',
  model_import: 'Model import',
  compression: 'Compression',
  checkpoint: 'Checkpoint',
};

/** `usage` means different things per kind; kinds without usage are absent. */
export const USAGE_UNITS: Partial<Record<JobKind, string>> = {
  fine_tune: 'tokens',
  compression: 'GPU seconds',
};

export const STATUS_EMOJI: Record<JobStatus, string> = {
  PENDING: '⏳',
  QUEUING: '⏳',
  RUNNING: '🔄',
  CANCELING: '🛑',
  SUCCEEDED: '✅',
  FAILED: '❌',
  CANCELED: '🚫',
  UNKNOWN: '❔',
};

const TYPE_EMOJI: Partial<Record<DashwatchEvent['type'], string>> = {
  removed: '🗑️',
  stuck: '⚠️',
  expiring: '⌛',
  watch_failing: '🚨',
  watch_recovered: '🟢',
};

/** The event's emoji: its type's when the type says more than the status does. */
export function eventEmoji(event: DashwatchEvent): string {
  const own = TYPE_EMOJI[event.type];
  if (own !== undefined || !('job' in event)) return own ?? '❔';
  return STATUS_EMOJI[event.job.status];
}
