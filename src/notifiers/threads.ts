import type { ThreadRoot, ThreadStore } from '../core/threads.js';

export type { ThreadRoot, ThreadStore } from '../core/threads.js';

/** A store that lives as long as the process: for one-off sends (`test-notify`) that have no Redis. */
export function memoryThreads(): ThreadStore {
  const roots = new Map<string, ThreadRoot>();
  const posted = new Set<string>();
  return {
    async get(channel, thread, eventId) {
      const root = roots.get(`${channel}\u0000${thread}`);
      return { ...(root ? { root } : {}), posted: posted.has(`${channel}\u0000${thread}\u0000${eventId}`) };
    },
    async posted(channel, thread, eventId, root) {
      if (root) roots.set(`${channel}\u0000${thread}`, root);
      posted.add(`${channel}\u0000${thread}\u0000${eventId}`);
    },
  };
}
