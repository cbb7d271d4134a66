export { DIGEST_QUEUE, type DigestJobData } from './digest-worker.js';
export { type Engine, type EngineOptions, startEngine } from './engine.js';
export { DELIVER_QUEUE, type FlushJobData } from './flush-jobs.js';
export { NOTIFY_JOB_OPTIONS, NOTIFY_QUEUE, POLL_QUEUE, schedulerId } from './names.js';
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
export { exitOnSignals } from './signals.js';
