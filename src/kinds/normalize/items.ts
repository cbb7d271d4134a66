import type { Logger } from '../../core/logger.js';
import type { JobRecord } from '../../core/types.js';
import type { JobKindDescriptor } from '../kind.js';
import { asObject, type NormalizeContext, text } from './record.js';
import { processUnknownStatusReporter, type UnknownStatusReporter } from './unknown-status.js';

/** The records a page of raw items yielded, and how many items were too broken to use. */
export interface NormalizedItems {
  records: JobRecord[];
  skipped: number;
}

/** Why an item cannot be a record, or undefined when it can. */
function defect(kind: JobKindDescriptor, item: unknown): string | undefined {
  const object = asObject(item);
  if (!object) return 'not an object';
  if (text(object[kind.idField]) === undefined) return `missing ${kind.idField}`;
  if (text(object.status) === undefined) return 'missing status';
  return undefined;
}

/**
 * Normalizes one page of raw items of `kind`. Bad API data never throws: an item that is not an
 * object or lacks a string id or status is logged and skipped; an unknown status spelling becomes
 * UNKNOWN and is logged once by `unknownStatuses` (process-wide by default).
 */
export function normalizeItems(
  kind: JobKindDescriptor,
  items: readonly unknown[],
  ctx: Omit<NormalizeContext, 'spellings'>,
  logger: Logger,
  unknownStatuses: UnknownStatusReporter = processUnknownStatusReporter,
): NormalizedItems {
  const context: NormalizeContext = { ...ctx, spellings: kind.spellings };
  const records: JobRecord[] = [];
  let skipped = 0;
  items.forEach((item, index) => {
    const reason = defect(kind, item);
    if (reason !== undefined) {
      skipped += 1;
      logger.warn({ kind: kind.kind, account: ctx.account, reason, index }, 'skipped a malformed job item');
      return;
    }
    // Checked by `defect` above; every other field is coerced defensively by the normalizer.
    const record = kind.normalize(item as never, context);
    if (record.status === 'UNKNOWN') unknownStatuses.report(logger, record);
    records.push(record);
  });
  return { records, skipped };
}
