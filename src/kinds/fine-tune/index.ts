import { pollNewestFirst } from '../scan/newest-first.js';
import type { Poller } from '../scan/poll-context.js';

/** Fine-tunes list newest-first (the vendor's example shows it; each cycle checks it). */
export const fineTunePoller: Poller = {
  kind: 'fine_tune',
  poll: (ctx) => pollNewestFirst(ctx, 'fine_tune'),
};
