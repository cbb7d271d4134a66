import type { JobRecord } from '../../core/types.js';
import { baseRecord, compact, jobId, type NormalizeContext, text } from '../normalize/record.js';
import { toUtcIso } from '../normalize/time.js';
import type { RawCheckpoint } from './raw.js';

/**
 * A fine-tune checkpoint (`GET /fine-tunes/{job_id}/checkpoints`); `parentId` is that job.
 *
 * `model_name` (`cosyvoice-v3-flash-ft-…`) is the checkpoint's deployable model id and appears
 * once it SUCCEEDED. It is `model` whenever present, for the same glob routing as other kinds, and
 * `output` only when SUCCEEDED. `model_display_name` is a console label (the job id in the
 * vendor's example), not a model, so it is not used.
 */
export function normalizeCheckpoint(raw: RawCheckpoint, ctx: NormalizeContext): JobRecord {
  const base = baseRecord('checkpoint', raw.checkpoint_id, raw.status, ctx);
  const modelName = text(raw.model_name);
  return compact({
    ...base,
    name: text(raw.checkpoint),
    model: modelName,
    output: base.status === 'SUCCEEDED' ? modelName : undefined,
    createdAt: toUtcIso(raw.create_time, ctx.timeZone),
    parentId: jobId(raw.job_id),
    expiresAt: toUtcIso(raw.expire_time, ctx.timeZone),
  });
}
