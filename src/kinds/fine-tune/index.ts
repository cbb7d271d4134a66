import { defineKind } from '../kind.js';
import { STANDARD_SPELLINGS } from '../normalize/status.js';
import { pollNewestFirst } from '../scan/newest-first.js';
import { normalizeFineTune } from './normalize.js';

declare module '../../core/types.js' {
  interface JobKindNames {
    fine_tune: true;
  }
}

/** Fine-tunes: a paged list that shows newest first (the vendor's example does; each cycle checks it). */
export const fineTune = defineKind({
  kind: 'fine_tune',
  label: 'Fine-tune',
  usageUnit: 'tokens',
  idField: 'job_id',
  // `ft-202410291653-1c7f`; a checkpoint id starts the same way but goes on with `:checkpoint-…`.
  idShape: /^ft-[A-Za-z0-9-]+$/,
  spellings: STANDARD_SPELLINGS,
  list: { path: '/fine-tunes', itemsKey: 'jobs' },
  detailPath: (id) => `/fine-tunes/${encodeURIComponent(id)}`,
  normalize: normalizeFineTune,
  poll: (ctx) => pollNewestFirst(ctx),
  canBeStuck: true,
});
