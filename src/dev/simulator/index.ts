/** A DashScope-compatible fake server with a control API, for tests, the demo and benchmarks. */
export { SimulatorError } from './errors.js';
export type { FaultMatch, FaultSpec } from './faults.js';
export type { CheckpointSpec, CreateJobsSpec, SimJobKind, SimJobRef, StatusExtras } from './model.js';
export type { RecordedRequest, RequestStats } from './request-log.js';
export { type RunningSimulator, startSimulator } from './server.js';
export { type RawSimJob, Simulator, type SimulatorOptions } from './simulator.js';
