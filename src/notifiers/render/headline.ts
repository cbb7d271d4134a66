import type { EventView } from './event-view.js';

/** `❌ FAILED · Fine-tune my-job` as plain text (the caller escapes it for its format). */
export function plainHeadline(view: EventView): string {
  return `${view.emoji} ${view.verb} · ${view.what} ${view.name}`;
}

/** `3 job updates (1 FAILED)`: a batch in a few words. */
export function batchSummary(views: readonly EventView[]): string {
  const noun = views.some((view) => view.watch) ? 'updates' : 'job updates';
  const failed = views.filter((view) => view.verb === 'FAILED').length;
  return `${views.length} ${noun}${failed > 0 ? ` (${failed} FAILED)` : ''}`;
}
