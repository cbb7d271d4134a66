import type { Logger } from '../../core/logger.js';
import type { JobKind, JobRecord } from '../../core/types.js';
import type {
  RawCheckpoint,
  RawCompressionJob,
  RawFineTuneJob,
  RawImportJob,
} from '../../dashscope/types.js';
import { normalizeCheckpoint } from '../checkpoint/normalize.js';
import { normalizeCompression } from '../compression/normalize.js';
import { normalizeFineTune } from '../fine-tune/normalize.js';
import { normalizeModelImport } from '../model-import/normalize.js';
import { asObject, type NormalizeContext, text } from './record.js';
import { processUnknownStatusReporter, type UnknownStatusReporter } from './unknown-status.js';

export type { NormalizeContext } from './record.js';
export { normalizeStatus } from './status.js';
export { DEFAULT_TIME_ZONE, isValidTimeZone, toUtcIso } from './time.js';
export {
  createUnknownStatusReporter,
  processUnknownStatusReporter,
  type UnknownStatusReporter,
} from './unknown-status.js';

/** The raw list item each kind's endpoint returns. */
export interface RawItemByKind {
  fine_tune: RawFineTuneJob;
  model_import: RawImportJob;
  compression: RawCompressionJob;
  checkpoint: RawCheckpoint;
}

/** One normalizer per kind: a kind added to JobKind without one here fails to compile. */
export const normalizers: { [K in JobKind]: (raw: RawItemByKind[K], ctx: NormalizeContext) => JobRecord } = {
  fine_tune: normalizeFineTune,
  model_import: normalizeModelImport,
  compression: normalizeCompression,
  checkpoint: normalizeCheckpoint,
};

// The key that holds each kind's id; normalizeItems checks it before a normalizer runs.
const ID_FIELD = {
  fine_tune: 'job_id',
  model_import: 'job_id',
  compression: 'job_id',
  checkpoint: 'checkpoint_id',
} as const satisfies { [K in JobKind]: keyof RawItemByKind[K] };

/** The records a page of raw items yielded, and how many items were too broken to use. */
export interface NormalizedItems {
  records: JobRecord[];
  skipped: number;
}

/** Why an item cannot be a record, or undefined when it can. */
function defect(kind: JobKind, item: unknown): string | undefined {
  const object = asObject(item);
  if (!object) return 'not an object';
  if (text(object[ID_FIELD[kind]]) === undefined) return `missing ${ID_FIELD[kind]}`;
  if (text(object.status) === undefined) return 'missing status';
  return undefined;
}

/**
 * Normalizes one page of raw items of `kind`. Bad API data never throws: an item that is not an
 * object or lacks a string id or status is logged and skipped; an unknown status spelling becomes
 * UNKNOWN and is logged once by `unknownStatuses` (process-wide by default).
 */
export function normalizeItems(
  kind: JobKind,
  items: readonly unknown[],
  ctx: NormalizeContext,
  logger: Logger,
  unknownStatuses: UnknownStatusReporter = processUnknownStatusReporter,
): NormalizedItems {
  // Checked by `defect` below; every other field is coerced defensively by the normalizer.
  const normalize = normalizers[kind] as (raw: unknown, ctx: NormalizeContext) => JobRecord;
  const records: JobRecord[] = [];
  let skipped = 0;
  items.forEach((item, index) => {
    const reason = defect(kind, item);
    if (reason !== undefined) {
      skipped += 1;
      logger.warn({ kind, account: ctx.account, reason, index }, 'skipped a malformed job item');
      return;
    }
    const record = normalize(item, ctx);
    if (record.status === 'UNKNOWN') unknownStatuses.report(logger, record);
    records.push(record);
  });
  return { records, skipped };
}
