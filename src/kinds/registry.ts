import type { JobKind } from '../core/types.js';
import { checkpointPoller } from './checkpoint/poll.js';
import { compressionPoller } from './compression/index.js';
import { fineTunePoller } from './fine-tune/index.js';
import { modelImportPoller } from './model-import/poll.js';
import type { Poller } from './scan/poll-context.js';

export type { JobsApi, ListKind, ListPage } from './scan/jobs-api.js';
export { PeerNotReadyError } from './scan/peer-not-ready-error.js';
export type { PollContext, Poller, PollerSettings, PollResult, PollState } from './scan/poll-context.js';
export { DEFAULT_POLLER_SETTINGS } from './scan/poll-context.js';

/** One poller per kind: a kind without one fails to compile. */
export const pollers = {
  fine_tune: fineTunePoller,
  model_import: modelImportPoller,
  compression: compressionPoller,
  checkpoint: checkpointPoller,
} satisfies Record<JobKind, Poller>;
