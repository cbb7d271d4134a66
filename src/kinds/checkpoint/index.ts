import { defineKind } from '../kind.js';
import { STANDARD_SPELLINGS } from '../normalize/status.js';
import { normalizeCheckpoint } from './normalize.js';
import { pollCheckpoints } from './poll.js';
import { readCheckpoint } from './read-one.js';

declare module '../../core/types.js' {
  interface JobKindNames {
    checkpoint: true;
  }
}

/**
 * Fine-tune checkpoints: no list of their own, read per fine-tune through the fine-tune watch of the
 * same account. A checkpoint waits on its fine-tune's training, so a long PENDING is never "stuck".
 */
export const checkpoint = defineKind({
  kind: 'checkpoint',
  label: 'Checkpoint',
  idField: 'checkpoint_id',
  // `ft-202605271743-dd2a:checkpoint-00040004`: the fine-tune's id, then the checkpoint's name.
  idShape: /^ft-[A-Za-z0-9-]+:checkpoint-[A-Za-z0-9-]+$/,
  spellings: STANDARD_SPELLINGS,
  normalize: normalizeCheckpoint,
  poll: pollCheckpoints,
  readOne: readCheckpoint,
  canBeStuck: false,
  readsThrough: 'fine_tune',
});
