export type { JobKindDescriptor, PollContext, PollResult, PollState } from './kind.js';
export { normalizeItems } from './normalize/items.js';
export { kindsForId, type ReadJobContext, readJob } from './read-job.js';
export { JOB_KINDS, KINDS, kindOf, type ListKind } from './registry.js';
export type { JobsApi, ListPage } from './scan/jobs-api.js';
export { PageBudget, PageLimitError } from './scan/page-budget.js';
export { PeerNotReadyError } from './scan/peer-not-ready-error.js';
export { DEFAULT_POLLER_SETTINGS, type PollerSettings } from './scan/poll-context.js';
