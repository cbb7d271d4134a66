import type { SystemEvent } from '../core/types.js';
import { eventId } from '../store/index.js';

/** A system event of this deployment; its id covers the episode (`since`), so one episode is one event. */
export function systemEvent(
  type: SystemEvent['type'],
  detail: string,
  sinceMs: number,
  deployment: string,
): SystemEvent {
  const since = new Date(sinceMs).toISOString();
  return {
    id: eventId([deployment, type, since]),
    type,
    detail,
    since,
    deployment,
    detectedAt: new Date().toISOString(),
  };
}
