import type { JobKind } from '../../../core/types.js';
import type { SimJobKind } from '../model.js';
import { checkpointSim } from './checkpoint.js';
import { compressionSim } from './compression.js';
import { fineTuneSim } from './fine-tune.js';
import { modelImportSim } from './model-import.js';
import type { SimKindPart } from './part.js';

/** The simulator's part of every job kind: a kind registered without one fails to compile. */
export const SIM_PARTS = {
  fine_tune: fineTuneSim,
  model_import: modelImportSim,
  compression: compressionSim,
  checkpoint: checkpointSim,
} satisfies { [K in JobKind]: SimKindPart<K> };

export const SIM_JOB_KINDS: readonly SimJobKind[] = (Object.values(SIM_PARTS) as SimKindPart[])
  .filter((part) => part.jobs !== undefined)
  .map((part) => part.kind as SimJobKind);
