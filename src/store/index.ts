export { CHANGE_LOG_KEEP_MS, CHANGE_LOG_MAX, type Change, ChangeLog, changeOf } from './change-log.js';
export { type ClaimedBatch, DELIVERED_KEEP_MS, DeliveryStore } from './delivery-store.js';
export { DeploymentMarker, type Marker } from './deployment-marker.js';
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
export { SILENCE_KEYS, type Silence, type SilenceKey, SilenceStore } from './silence-store.js';
export { isHot, isStuck, recordFromEntry, type SnapEntry, type TrackedJob } from './snapshot-entry.js';
export {
  type Commit,
  type FailureReport,
  SnapshotStore,
  type SnapshotView,
  type WatchHealthState,
} from './snapshot-store.js';
export { StoreError } from './store-error.js';
export { RedisThreadStore, THREAD_KEEP_MS } from './thread-store.js';
export type { CycleError } from './watch-events.js';
