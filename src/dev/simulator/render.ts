import type {
  RawCheckpoint,
  RawCompressionJob,
  RawFineTuneJob,
  RawImportJob,
} from '../../dashscope/types.js';
import { utcMillis, type ZonedFormatter } from './formats.js';
import type { SimCheckpoint, SimJob } from './model.js';

// The account every simulated job belongs to (the seed shows a numeric user id).
const USER_ID = '1000000000000001';

/** The one compression template every simulated compression job uses. */
export const COMPRESSION_TEMPLATE_ID = 'quant-flash-nvfp4-mlp-nomtp';

/** Renders simulator state into the vendor's raw shapes, keys in the order the seeds show. */
export class Renderer {
  constructor(private readonly zoned: ZonedFormatter) {}

  /** Any job in its kind's shape; `detail` picks the single-job shape over the list item's. */
  job(job: SimJob, detail: boolean): RawFineTuneJob | RawImportJob | RawCompressionJob {
    if (job.kind === 'fine_tune') return this.fineTune(job);
    if (job.kind === 'model_import') return this.modelImport(job, detail);
    return this.compression(job);
  }

  fineTune(job: SimJob): RawFineTuneJob {
    const raw: RawFineTuneJob = { job_id: job.id, job_name: job.name, status: job.status };
    if (job.output !== undefined) raw.finetuned_output = job.output;
    Object.assign(raw, {
      model: job.model,
      base_model: job.baseModel,
      training_file_ids: [...job.fileIds],
      validation_file_ids: [],
      hyper_parameters: {
        n_epochs: 3,
        batch_size: 32,
        max_length: 8192,
        learning_rate: '1.6e-5',
        lr_scheduler_type: 'linear',
        split: 0.9,
      },
    });
    if (job.errorCode !== undefined) raw.code = job.errorCode;
    if (job.errorMessage !== undefined) raw.message = job.errorMessage;
    Object.assign(raw, {
      training_type: 'sft',
      create_time: this.zoned.spaced(job.createMs),
      workspace_id: job.workspaceId,
      user_identity: USER_ID,
      modifier: USER_ID,
      creator: USER_ID,
    });
    if (job.endMs !== undefined) raw.end_time = this.zoned.spaced(job.endMs);
    raw.group = 'llm';
    if (job.usage !== undefined) raw.usage = job.usage;
    return raw;
  }

  /** The list omits `weight_type`, which the single-job answer carries (per the seeds). */
  modelImport(job: SimJob, detail: boolean): RawImportJob {
    const raw: RawImportJob = {
      job_id: job.id,
      model_name: job.output ?? '',
      display_name: job.name,
      status: job.status,
      source: 'OSS',
    };
    if (detail) raw.weight_type = 'lora';
    raw.storage_info = { bucket_name: 'sim-model-bucket', object_key: `models/${job.id.slice(0, 8)}/` };
    if (job.errorCode !== undefined) raw.error_code = job.errorCode;
    raw.gmt_create = utcMillis(job.createMs);
    return raw;
  }

  compression(job: SimJob): RawCompressionJob {
    const time = (ms: number | undefined): string | null => (ms === undefined ? null : this.zoned.spaced(ms));
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
      create_time: this.zoned.spaced(job.createMs),
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

  /** `model_name`/`model_display_name` appear only once the checkpoint has SUCCEEDED. */
  checkpoint(cp: SimCheckpoint, parentModel: string): RawCheckpoint {
    const raw: RawCheckpoint = {
      create_time: this.zoned.zoneless(cp.createMs),
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
        expire_time: this.zoned.zoneless(cp.expireMs),
        step: cp.step,
      };
    }
    return { ...raw, expire_time: this.zoned.zoneless(cp.expireMs), step: cp.step };
  }
}
