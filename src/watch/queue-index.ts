export { exitOnSignals } from '../daemon/signals.js';
export { DIGEST_QUEUE, type DigestJobData } from '../delivery/digest-worker.js';
export { DELIVER_QUEUE, type FlushJobData } from '../delivery/flush-jobs.js';
export { NOTIFY_JOB_OPTIONS, NOTIFY_QUEUE, POLL_QUEUE, schedulerId } from '../queue/names.js';
export { type Engine, type EngineOptions, startEngine } from './engine.js';
export { forwardOutbox } from './outbox-forwarder.js';
export {
  type CycleDeps,
  type CycleOutcome,
  type CycleSettings,
  type CycleStep,
  LAST_OK_META,
  runCycle,
} from './poll-cycle.js';
export { type PollJobData, reconcileSchedulers } from './schedulers.js';
