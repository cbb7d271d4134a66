import type { DashwatchEvent, JobStatus } from '../../core/types.js';
import { kindOf } from '../../kinds/registry.js';

/** A job kind in people's words; its name when no kind of that name is registered. */
export function kindLabel(kind: string): string {
  return kindOf(kind)?.label ?? kind;
}

/** What `usage` counts for a kind, when it reports it. */
export function usageUnit(kind: string): string | undefined {
  return kindOf(kind)?.usageUnit;
}

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
  store_failing: '🚨',
  store_recovered: '🟢',
  store_reset: '⚠️',
};

/** The event's emoji: its type's when the type says more than the status does. */
export function eventEmoji(event: DashwatchEvent): string {
  const own = TYPE_EMOJI[event.type];
  if (own !== undefined || !('job' in event)) return own ?? '❔';
  return STATUS_EMOJI[event.job.status];
}
