export { type Engine, type EngineOptions, startEngine } from './engine.js';
export { NOTIFY_JOB_OPTIONS, NOTIFY_QUEUE, POLL_QUEUE, schedulerId } from './names.js';
export { forwardOutbox } from './outbox-forwarder.js';
export {
  type CycleDeps,
  type CycleOutcome,
  type CycleSettings,
  type CycleStep,
  runCycle,
} from './poll-cycle.js';
export { type PollJobData, reconcileSchedulers } from './schedulers.js';
export { exitOnSignals } from './signals.js';
