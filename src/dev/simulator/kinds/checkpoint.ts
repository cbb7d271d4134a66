import type { RawCheckpoint } from '../../../kinds/checkpoint/raw.js';
import { notFound } from '../errors.js';
import type { ZonedFormatter } from '../formats.js';
import type { SimCheckpoint } from '../model.js';
import { route, type SimKindPart } from './part.js';

/**
 * Checkpoints: a bare array per fine-tune, largest step first; `model_name` and
 * `model_display_name` appear once a checkpoint has SUCCEEDED.
 */
export const checkpointSim: SimKindPart<'checkpoint'> = {
  kind: 'checkpoint',
  routes: [
    route('GET', '/api/v1/fine-tunes/:id/checkpoints', (state, [id]) => {
      const job = id === undefined ? undefined : state.stores.get('fine_tune')?.get(id);
      if (job === undefined) throw notFound();
      const list = state.checkpointsByJob.get(job.id) ?? [];
      return list.map((cp) => renderCheckpoint(cp, job.model, state.zoned));
    }),
  ],
};

function renderCheckpoint(cp: SimCheckpoint, parentModel: string, zoned: ZonedFormatter): RawCheckpoint {
  const raw: RawCheckpoint = {
    create_time: zoned.zoneless(cp.createMs),
    full_name: cp.id,
    job_id: cp.jobId,
    checkpoint_id: cp.id,
    checkpoint: cp.name,
    status: cp.status,
  };
  if (cp.status === 'SUCCEEDED') {
    // Rebuild so the keys sit where the seed has them.
    const { status, ...head } = raw;
    return {
      ...head,
      model_name: `${parentModel}-${cp.jobId}-${cp.step}`,
      model_display_name: `${cp.jobId}-${cp.step}`,
      status,
      expire_time: zoned.zoneless(cp.expireMs),
      step: cp.step,
    };
  }
  return { ...raw, expire_time: zoned.zoneless(cp.expireMs), step: cp.step };
}
