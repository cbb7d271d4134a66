import type { JobRecord } from '../../core/types.js';
import { baseRecord, compact, count, errorOf, type NormalizeContext, text } from '../normalize/record.js';
import { toUtcIso } from '../normalize/time.js';
import type { RawFineTuneJob } from './raw.js';

/**
 * A fine-tune job (`GET /fine-tunes`). `code`/`message` become `error` whenever present, whatever the
 * status: the vendor's own CANCELED example carries `code: "1"` with no message, and dropping it
 * would hide what the API said.
 */
export function normalizeFineTune(raw: RawFineTuneJob, ctx: NormalizeContext): JobRecord {
  return compact({
    ...baseRecord('fine_tune', raw.job_id, raw.status, ctx),
    name: text(raw.job_name),
    model: text(raw.model),
    baseModel: text(raw.base_model),
    output: text(raw.finetuned_output),
    createdAt: toUtcIso(raw.create_time, ctx.timeZone),
    endedAt: toUtcIso(raw.end_time, ctx.timeZone),
    usage: count(raw.usage),
    error: errorOf(raw.code, raw.message),
  });
}
