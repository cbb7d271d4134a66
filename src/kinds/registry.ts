import type { JobKind } from '../core/types.js';
import { checkpoint } from './checkpoint/index.js';
import { compression } from './compression/index.js';
import { fineTune } from './fine-tune/index.js';
import type { JobKindDescriptor } from './kind.js';
import { modelImport } from './model-import/index.js';

/**
 * Every job kind dashwatch watches, in the order config defaults and messages list them: the only file
 * besides each kind's folder that names a kind. A kind named in `JobKindNames` without a descriptor
 * here (or the other way round) fails to compile.
 */
export const KINDS = {
  fine_tune: fineTune,
  model_import: modelImport,
  compression,
  checkpoint,
} as const satisfies { [K in JobKind]: JobKindDescriptor<K, never> };

export const JOB_KINDS = Object.keys(KINDS) as JobKind[];

type Kinds = typeof KINDS;

/** The kinds with a paged list endpoint of their own. */
export type ListKind = { [K in JobKind]: Kinds[K] extends { list: object } ? K : never }[JobKind];

/** The descriptor of `kind`; undefined for a name no kind has (data from an older version). */
export function kindOf(kind: string): JobKindDescriptor | undefined {
  return Object.hasOwn(KINDS, kind) ? (KINDS as Record<string, JobKindDescriptor>)[kind] : undefined;
}
