import type { RawFineTuneJob } from '../../../kinds/fine-tune/raw.js';
import { invalidParameter, notFound } from '../errors.js';
import type { ZonedFormatter } from '../formats.js';
import type { SimJob } from '../model.js';
import { route, type SimKindPart } from './part.js';
import { clearOutcome, detailOf, endsJob, paging, storeOf } from './shared.js';

// The account every simulated job belongs to (the seed shows a numeric user id).
const USER_ID = '1000000000000001';

/** Fine-tunes: `ft-<minute>-<hex>` ids, a newest-first list filterable by model, and a detail endpoint. */
export const fineTuneSim: SimKindPart<'fine_tune'> = {
  kind: 'fine_tune',
  routes: [
    route('GET', '/api/v1/fine-tunes', (state, _params, q) => {
      const { pageNo, pageSize } = paging(q);
      const model = q.model || undefined;
      const keep =
        model === undefined ? undefined : (j: SimJob) => j.model === model || j.baseModel === model;
      const page = storeOf(state, 'fine_tune').page('desc', pageNo, pageSize, keep);
      const jobs = page.items.map((j) => state.render(j, false));
      return { page_no: pageNo, page_size: pageSize, total: page.total, jobs };
    }),
    route('GET', '/api/v1/fine-tunes/:id', (state, [id]) => detailOf(state, 'fine_tune', id)),
    route('GET', '/api/v1/fine-tunes/:id/logs', (state, [id], q) => {
      if (id === undefined || state.stores.get('fine_tune')?.get(id) === undefined) throw notFound();
      return logsPage(state.logs.get(id) ?? [], q);
    }),
  ],
  jobs: {
    defaultModel: 'qwen3-14b',
    newId: (createMs, prng, ctx, attempt) =>
      // Four hex digits per minute run out past 65,536 jobs; only then widen the suffix.
      `ft-${ctx.zoned.minuteStamp(createMs)}-${prng.hex(4 + Math.floor(attempt / 16))}`,
    build(job, _spec, prng) {
      job.fileIds = [prng.uuid()];
    },
    render: renderFineTune,
    logLines: (job, atMs, zoned) => {
      const line = LOG_LINES[job.status]?.(job);
      return line === undefined
        ? []
        : [`${zoned.spaced(atMs)},${String(atMs % 1000).padStart(3, '0')} - ${line}`];
    },
    applyStatus(job, extras, atMs, prng) {
      clearOutcome(job);
      if (endsJob('fine_tune', job.status)) job.endMs = atMs;
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
    },
  },
};

/** What a job logs on entering a status, after the time, in the style of the vendor's example. */
const LOG_LINES: Record<string, (job: SimJob) => string> = {
  PENDING: (job) => `INFO - finetune-job ${job.id} created, base model ${job.baseModel}`,
  QUEUING: () => 'INFO - waiting for training resources',
  RUNNING: () => 'INFO - start to train',
  CANCELING: () => 'INFO - cancel requested',
  SUCCEEDED: () => 'INFO - finetune-job succeeded',
  FAILED: (job) => `ERROR - finetune-job failed: ${job.errorMessage ?? job.errorCode ?? 'unknown error'}`,
  CANCELED: () => 'INFO - finetune-job canceled',
};

/**
 * `GET /fine-tunes/{id}/logs`: `offset` lines skipped (default 0), then `line` lines (default 100, at
 * most 1000); an offset past the end returns no lines.
 */
function logsPage(lines: readonly string[], q: Record<string, string>): { total: number; logs: string[] } {
  const offset = q.offset === undefined ? 0 : Number(q.offset);
  if (!Number.isInteger(offset) || offset < 0)
    throw invalidParameter('Invalid offset, it must be an integer >= 0.');
  const count = q.line === undefined ? 100 : Number(q.line);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw invalidParameter('Invalid line, it must be an integer between 1 and 1000.');
  return { total: lines.length, logs: lines.slice(offset, offset + count) };
}

/** Keys in the order the seeds show them. */
function renderFineTune(job: SimJob, _detail: boolean, zoned: ZonedFormatter): RawFineTuneJob {
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
    create_time: zoned.spaced(job.createMs),
    workspace_id: job.workspaceId,
    user_identity: USER_ID,
    modifier: USER_ID,
    creator: USER_ID,
  });
  if (job.endMs !== undefined) raw.end_time = zoned.spaced(job.endMs);
  raw.group = 'llm';
  if (job.usage !== undefined) raw.usage = job.usage;
  return raw;
}
