export { type ClaimedBatch, DELIVERED_KEEP_MS, DeliveryStore } from './delivery-store.js';
export {
  DEFAULT_DIFF_SETTINGS,
  type DiffInput,
  type DiffOutput,
  type DiffSettings,
  diff,
  type PollView,
} from './diff.js';
export { DigestBuffer, type DigestWindow } from './digest-buffer.js';
export { eventId } from './event-id.js';
export { DEFAULT_PREFIX, type WatchKeys, watchKeys } from './keys.js';
export { entryFromRecord, isHot, recordFromEntry, type SnapEntry } from './snapshot-entry.js';
export { type Commit, type FailureReport, SnapshotStore, type SnapshotView } from './snapshot-store.js';
export type { CycleError } from './watch-events.js';
