import { pollNewestFirst } from '../scan/newest-first.js';
import type { Poller } from '../scan/poll-context.js';

const LIVE_RAW_STATUSES = ['PENDING', 'QUEUING', 'RUNNING', 'CANCELING'];

/** Compression jobs are documented as `create_time desc`; asking for it explicitly costs nothing. */
export const compressionPoller: Poller = {
  kind: 'compression',
  poll: (ctx) =>
    pollNewestFirst(ctx, 'compression', { sort_by: 'create_time', sort_order: 'desc' }, LIVE_RAW_STATUSES),
};
