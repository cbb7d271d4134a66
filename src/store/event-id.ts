import { createHash } from 'node:crypto';

/**
 * The deterministic id of an event: the same parts give the same id on any process, after any restart.
 * The `e` prefix and hex body keep it a valid BullMQ job id (no ':' and never integer-like), so a
 * replayed event deduplicates against the delivery already queued.
 */
export function eventId(parts: readonly string[]): string {
  return `e${createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 40)}`;
}
