import type { JobRecord } from '../../core/types.js';
import {
  asObject,
  baseRecord,
  compact,
  count,
  errorOf,
  type NormalizeContext,
  text,
} from '../normalize/record.js';
import { toUtcIso } from '../normalize/time.js';
import type { RawCompressionJob } from './raw.js';

/**
 * A compression (quantization) job (`GET /fine-tunes/compress/jobs`). `quantized_output`,
 * `start_time`, `end_time` and `error` are null until they apply; null fields are left out.
 */
export function normalizeCompression(raw: RawCompressionJob, ctx: NormalizeContext): JobRecord {
  const error = asObject(raw.error);
  return compact({
    ...baseRecord('compression', raw.job_id, raw.status, ctx),
    name: text(raw.job_name),
    model: text(raw.model),
    baseModel: text(raw.base_model),
    output: text(raw.quantized_output),
    createdAt: toUtcIso(raw.create_time, ctx.timeZone),
    startedAt: toUtcIso(raw.start_time, ctx.timeZone),
    endedAt: toUtcIso(raw.end_time, ctx.timeZone),
    usage: count(raw.usage),
    error: errorOf(error?.code, error?.message),
  });
}
