import type { JobRecord } from '../../core/types.js';
import { baseRecord, compact, errorOf, type NormalizeContext, text } from '../normalize/record.js';
import { toUtcIso } from '../normalize/time.js';
import type { RawImportJob } from './raw.js';

/**
 * A model import job (`GET /custom_models/import`).
 *
 * `model_name` is the system-generated name (`qwen3-32b-offline-20240101-abc1`), present from
 * creation. It is `model` always — the list item carries no base model, and the generated name
 * starts with it, so routing by a model glob such as `qwen3-32b*` works at every status — but
 * `output` (the deployable model) only once the import SUCCEEDED: before that nothing can be
 * deployed under that name. `error_code` is free text (often Chinese), not a code, so it is the
 * error's message.
 */
export function normalizeModelImport(raw: RawImportJob, ctx: NormalizeContext): JobRecord {
  const base = baseRecord('model_import', raw.job_id, raw.status, ctx);
  const modelName = text(raw.model_name);
  return compact({
    ...base,
    name: text(raw.display_name),
    model: modelName,
    output: base.status === 'SUCCEEDED' ? modelName : undefined,
    createdAt: toUtcIso(raw.gmt_create, ctx.timeZone),
    error: errorOf(undefined, raw.error_code),
  });
}
