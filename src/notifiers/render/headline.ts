import type { EventView } from './event-view.js';
import type { Words } from './words.js';
import { EN } from './words-en.js';

/** `❌ FAILED · Fine-tune my-job` as plain text (the caller escapes it for its format). */
export function plainHeadline(view: EventView): string {
  return `${view.emoji} ${view.verb} · ${view.what} ${view.name}`;
}

/** `3 job updates (1 FAILED)`: a batch in a few words. */
export function batchSummary(views: readonly EventView[], words: Words = EN): string {
  const failed = views.filter((view) => view.key === 'FAILED').length;
  return words.batch(
    views.length,
    views.some((view) => view.watch),
    failed,
  );
}
