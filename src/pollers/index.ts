import type { JobKind } from '../core/types.js';
import { checkpointPoller } from './checkpoint.js';
import { compressionPoller } from './compression.js';
import { fineTunePoller } from './fine-tune.js';
import { modelImportPoller } from './model-import.js';
import type { Poller } from './poller.js';

export type { JobsApi, ListKind, ListPage } from './jobs-api.js';
export { PeerNotReadyError } from './peer-not-ready-error.js';
export type { PollContext, Poller, PollerSettings, PollResult, PollState } from './poller.js';
export { DEFAULT_POLLER_SETTINGS } from './poller.js';

/** One poller per kind: a kind without one fails to compile. */
export const pollers = {
  fine_tune: fineTunePoller,
  model_import: modelImportPoller,
  compression: compressionPoller,
  checkpoint: checkpointPoller,
} satisfies Record<JobKind, Poller>;
