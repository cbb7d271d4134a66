import { defineKind } from '../kind.js';
import { STANDARD_SPELLINGS } from '../normalize/status.js';
import { pollNewestFirst } from '../scan/newest-first.js';
import { normalizeCompression } from './normalize.js';

declare module '../../core/types.js' {
  interface JobKindNames {
    compression: true;
  }
}

/** Raw spellings of the statuses a compression job can still leave; the list filters on them. */
const LIVE_RAW_STATUSES = ['PENDING', 'QUEUING', 'RUNNING', 'CANCELING'];

/** Compression (quantization) jobs: documented as `create_time desc`; asking for it explicitly costs nothing. */
export const compression = defineKind({
  kind: 'compression',
  label: 'Compression',
  usageUnit: 'GPU seconds',
  idField: 'job_id',
  idShape: /^quant-[A-Za-z0-9-]+$/,
  spellings: STANDARD_SPELLINGS,
  list: { path: '/fine-tunes/compress/jobs', itemsKey: 'jobs' },
  detailPath: (id) => `/fine-tunes/compress/jobs/${encodeURIComponent(id)}`,
  normalize: normalizeCompression,
  poll: (ctx) => pollNewestFirst(ctx, { sort_by: 'create_time', sort_order: 'desc' }, LIVE_RAW_STATUSES),
  canBeStuck: true,
});
