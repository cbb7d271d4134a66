import type { RawCompressionJob } from '../../../kinds/compression/raw.js';
import { invalidParameter } from '../errors.js';
import type { ZonedFormatter } from '../formats.js';
import type { ListOrder } from '../job-store.js';
import type { SimJob } from '../model.js';
import { route, type SimKindPart } from './part.js';
import { clearOutcome, detailOf, endsJob, paging, storeOf } from './shared.js';

const DEFAULT_BASE_MODEL = 'qwen3.5-flash-2026-02-23';

/** The one compression template every simulated compression job uses. */
export const COMPRESSION_TEMPLATE_ID = 'quant-flash-nvfp4-mlp-nomtp';

/**
 * Compression (quantization) jobs: `quant-<minute>-<hex>` ids, a list sorted by `create_time` (desc by
 * default) with the filters the vendor documents, start and end times that are null until they apply.
 */
export const compressionSim: SimKindPart<'compression'> = {
  kind: 'compression',
  routes: [
    route('GET', '/api/v1/fine-tunes/compress/jobs', (state, _params, q) => {
      const { pageNo, pageSize } = paging(q);
      if (q.sort_by !== undefined && q.sort_by !== 'create_time') {
        throw invalidParameter(`Invalid sort_by: ${q.sort_by}, only create_time is supported.`);
      }
      const order = (q.sort_order ?? 'desc') as ListOrder;
      if (order !== 'asc' && order !== 'desc')
        throw invalidParameter(`Invalid sort_order: ${order}, must be asc or desc.`);
      const filters: [(j: SimJob) => string, string | undefined][] = [
        [(j) => j.status, q.status],
        [(j) => j.model, q.model],
        [() => COMPRESSION_TEMPLATE_ID, q.template_id],
        [(j) => j.name, q.job_name],
        [(j) => j.id, q.job_id],
      ];
      const active = filters.filter((f): f is [(j: SimJob) => string, string] => Boolean(f[1]));
      const keep =
        active.length === 0 ? undefined : (j: SimJob) => active.every(([field, value]) => field(j) === value);
      const page = storeOf(state, 'compression').page(order, pageNo, pageSize, keep);
      const jobs = page.items.map((j) => state.render(j, false));
      return { page_no: pageNo, page_size: pageSize, total: page.total, jobs };
    }),
    route('GET', '/api/v1/fine-tunes/compress/jobs/:id', (state, [id]) => detailOf(state, 'compression', id)),
  ],
  jobs: {
    defaultModel: DEFAULT_BASE_MODEL,
    newId: (createMs, prng, ctx, attempt) =>
      `quant-${ctx.zoned.minuteStamp(createMs)}-${prng.hex(4 + Math.floor(attempt / 16))}`,
    build(job, spec, prng, ctx) {
      // `model` is the fine-tuned model being compressed; the base model is not taken from it.
      job.baseModel = spec.baseModel ?? DEFAULT_BASE_MODEL;
      job.name = spec.name ?? `${job.baseModel} 压缩任务`;
      job.model = spec.model ?? `${job.baseModel}-ft-${ctx.zoned.minuteStamp(job.createMs)}-${prng.hex(4)}`;
      job.fileIds = [`file-${prng.hex(12)}`];
    },
    render: renderCompression,
    applyStatus(job, extras, atMs) {
      clearOutcome(job);
      if (job.status === 'PENDING' || job.status === 'QUEUING') {
        delete job.startMs;
        return;
      }
      // A job canceled or failed before it ran never gets a start time.
      if (job.status === 'RUNNING' || job.status === 'SUCCEEDED') job.startMs ??= atMs;
      if (!endsJob('compression', job.status)) return;
      job.endMs = atMs;
      const gpuSeconds = job.startMs === undefined ? 0 : Math.max(1, Math.round((atMs - job.startMs) / 1000));
      switch (job.status) {
        case 'SUCCEEDED':
          job.output = extras.output ?? `${job.baseModel}-sim-${job.id}`;
          job.usage = extras.usage ?? gpuSeconds;
          break;
        case 'FAILED':
          job.errorCode = extras.errorCode ?? 'InternalError';
          job.errorMessage = extras.errorMessage ?? 'Quantization failed, please retry or contact support.';
          break;
        case 'CANCELED':
          job.usage = extras.usage ?? gpuSeconds;
          break;
      }
    },
  },
};

function renderCompression(job: SimJob, _detail: boolean, zoned: ZonedFormatter): RawCompressionJob {
  const time = (ms: number | undefined): string | null => (ms === undefined ? null : zoned.spaced(ms));
  const raw: RawCompressionJob = {
    job_id: job.id,
    job_name: job.name,
    job_description: '',
    status: job.status,
    model: job.model,
    base_model: job.baseModel,
    template_id: COMPRESSION_TEMPLATE_ID,
    template_name: 'W4A4 NVFP4高性能压缩-MU5/MU8/MU9',
    template_description: '在更低比特压缩下兼顾高精度与高性能,进一步降低显存占用并提升推理吞吐。',
    training_type: 'quantization',
    compress_type: 'quantization',
    hyper_parameters: {},
    custom_calibration_file_ids: [...job.fileIds],
    quantized_output: job.output ?? null,
    create_time: zoned.spaced(job.createMs),
    start_time: time(job.startMs),
    end_time: time(job.endMs),
    error:
      job.errorCode === undefined && job.errorMessage === undefined
        ? null
        : { code: job.errorCode ?? 'InternalError', message: job.errorMessage ?? '' },
    group: 'quantization',
  };
  if (job.usage !== undefined) raw.usage = job.usage;
  return raw;
}
