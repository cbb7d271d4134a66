import type { JobKind } from '../../core/types.js';
import { JOB_KINDS, kindsForId } from '../../kinds/index.js';
import { UsageError } from '../command.js';

/**
 * The kind of job `id` is: `--kind` when given (`fine_tune` or `fine-tune`), else what its shape says
 * (`ft-…`, `quant-…`, a UUID, `…:checkpoint-…`).
 */
export function kindOfJob(id: string, flag: unknown): JobKind {
  if (typeof flag === 'string') {
    const kind = flag.replaceAll('-', '_');
    if (!(JOB_KINDS as string[]).includes(kind))
      throw new UsageError(`--kind must be one of ${JOB_KINDS.join(', ')} (got "${flag}")`);
    return kind as JobKind;
  }
  const [kind, ...others] = kindsForId(id);
  if (kind === undefined || others.length > 0) {
    throw new UsageError(
      `cannot tell what kind of job "${id}" is from its id; add --kind (${JOB_KINDS.join(', ')})`,
    );
  }
  return kind;
}
