export { CycleMemory } from './cycle-memory.js';
export { type Engine, type EngineOptions, type EngineUpdate, startEngine } from './engine.js';
export { forwardOutbox } from './outbox-forwarder.js';
export {
  type CycleDeps,
  type CycleOutcome,
  type CycleSettings,
  type CycleStep,
  runCycle,
} from './poll-cycle.js';
export { type PollJobData, reconcilePollSchedulers, schedulerId } from './schedulers.js';
export { isFresh } from './watch-health.js';
