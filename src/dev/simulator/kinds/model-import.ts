import type { RawImportJob } from '../../../kinds/model-import/raw.js';
import { utcMillis } from '../formats.js';
import type { SimJob } from '../model.js';
import { importSpecFrom } from './import-create.js';
import { route, type SimKindPart } from './part.js';
import { detailOf, paging, storeOf } from './shared.js';

/** The import failure text the vendor's list example shows. */
export const DEFAULT_IMPORT_ERROR = 'OSS擷取檔案失敗,請檢查OSS內檔案';

/**
 * Model imports: UUID ids, a system-generated `model_name` from creation, success spelled
 * `SUCCESSED`, a list filterable by exact raw status and model name, in the order the simulator is
 * told (the vendor leaves it undocumented; its example is oldest-first).
 */
export const modelImportSim: SimKindPart<'model_import'> = {
  kind: 'model_import',
  routes: [
    route('GET', '/api/v1/custom_models/import', (state, _params, q) => {
      const { pageNo, pageSize } = paging(q);
      const status = q.status || undefined;
      const modelName = q.model_name || undefined;
      const keep =
        status === undefined && modelName === undefined
          ? undefined
          : (j: SimJob) =>
              (status === undefined || j.status === status) &&
              (modelName === undefined || j.output === modelName);
      const page = storeOf(state, 'model_import').page(state.config.importOrder, pageNo, pageSize, keep);
      const list = page.items.map((j) => state.render(j, false));
      return { total: page.total, page_no: pageNo, page_size: pageSize, list };
    }),
    route('GET', '/api/v1/custom_models/import/:id', (state, [id]) => detailOf(state, 'model_import', id)),
    route('POST', '/api/v1/custom_models/import', (state, _params, _q, body) =>
      state.render(state.createJob(importSpecFrom(body)), true),
    ),
  ],
  jobs: {
    defaultModel: 'qwen3-32b',
    newId: (_createMs, prng) => prng.uuid(),
    build(job, spec, prng, ctx) {
      // Without a display name the vendor uses the base model's name.
      job.name = spec.name ?? job.baseModel;
      job.output = `${job.baseModel}-offline-${ctx.zoned.dayStamp(job.createMs)}-${prng.base36(4)}`;
      if (spec.weightType !== undefined) job.weightType = spec.weightType;
      if (spec.storage !== undefined) job.storage = { ...spec.storage };
    },
    render: renderImport,
    applyStatus(job, extras) {
      // model_name is generated at creation; an explicit output renames it.
      if (extras.output !== undefined) job.output = extras.output;
      if (job.status === 'FAILED')
        job.errorCode = extras.errorCode ?? extras.errorMessage ?? DEFAULT_IMPORT_ERROR;
    },
  },
};

/** The list omits `weight_type`, which the single-job answer carries (per the seeds). */
function renderImport(job: SimJob, detail: boolean): RawImportJob {
  const raw: RawImportJob = {
    job_id: job.id,
    model_name: job.output ?? '',
    display_name: job.name,
    status: job.status,
    source: 'OSS',
  };
  if (detail) raw.weight_type = job.weightType ?? 'lora';
  raw.storage_info = job.storage
    ? { bucket_name: job.storage.bucketName, object_key: job.storage.objectKey }
    : { bucket_name: 'sim-model-bucket', object_key: `models/${job.id.slice(0, 8)}/` };
  if (job.errorCode !== undefined) raw.error_code = job.errorCode;
  raw.gmt_create = utcMillis(job.createMs);
  return raw;
}
