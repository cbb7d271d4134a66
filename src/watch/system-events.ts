import type { SystemEvent } from '../core/types.js';
import { eventId } from '../store/index.js';

/**
 * A system event of this deployment. Its id covers the episode (by default when it began), so one
 * episode is one event; processes that know the same episode by another name (the lost marker of a
 * reset) pass that name instead, and raise one event between them.
 */
export function systemEvent(
  type: SystemEvent['type'],
  detail: string,
  sinceMs: number,
  deployment: string,
  episode?: string,
): SystemEvent {
  const since = new Date(sinceMs).toISOString();
  return {
    id: eventId([deployment, type, episode ?? since]),
    type,
    detail,
    since,
    deployment,
    detectedAt: new Date().toISOString(),
  };
}
