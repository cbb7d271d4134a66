import type { SimJob, StatusExtras } from './model.js';
import type { Prng } from './prng.js';

/** The import failure text the vendor's list example shows. */
export const DEFAULT_IMPORT_ERROR = 'OSS擷取檔案失敗,請檢查OSS內檔案';

const TERMINAL = new Set(['SUCCEEDED', 'SUCCESSED', 'FAILED', 'CANCELED']);

/** Sets `status` on `job` together with the fields the vendor shows for it, clearing stale ones. */
export function applyStatus(
  job: SimJob,
  status: string,
  extras: StatusExtras,
  atMs: number,
  prng: Prng,
): void {
  job.status = status;
  delete job.errorCode;
  delete job.errorMessage;
  if (job.kind === 'fine_tune') applyFineTune(job, extras, atMs, prng);
  else if (job.kind === 'model_import') applyImport(job, extras);
  else applyCompression(job, extras, atMs);
}

function applyFineTune(job: SimJob, extras: StatusExtras, atMs: number, prng: Prng): void {
  delete job.output;
  delete job.usage;
  delete job.endMs;
  if (TERMINAL.has(job.status)) job.endMs = atMs;
  switch (job.status) {
    case 'SUCCEEDED':
      job.output = extras.output ?? `${job.model}-suffix-${job.id}`;
      job.usage = extras.usage ?? prng.int(50_000, 500_000);
      break;
    case 'FAILED':
      job.errorCode = extras.errorCode ?? 'InvalidParameter';
      job.errorMessage =
        extras.errorMessage ?? 'Training data format error, please check your training files.';
      break;
    case 'CANCELED':
      // The seed's canceled job carries code "1" and no message.
      job.usage = extras.usage ?? 0;
      job.errorCode = extras.errorCode ?? '1';
      if (extras.errorMessage !== undefined) job.errorMessage = extras.errorMessage;
      break;
  }
}

function applyImport(job: SimJob, extras: StatusExtras): void {
  // model_name is generated at creation; an explicit output renames it.
  if (extras.output !== undefined) job.output = extras.output;
  if (job.status === 'FAILED')
    job.errorCode = extras.errorCode ?? extras.errorMessage ?? DEFAULT_IMPORT_ERROR;
}

function applyCompression(job: SimJob, extras: StatusExtras, atMs: number): void {
  delete job.output;
  delete job.usage;
  delete job.endMs;
  if (job.status === 'PENDING' || job.status === 'QUEUING') {
    delete job.startMs;
    return;
  }
  // A job canceled or failed before it ran never gets a start time.
  if (job.status === 'RUNNING' || job.status === 'SUCCEEDED') job.startMs ??= atMs;
  if (!TERMINAL.has(job.status)) return;
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
}
