export { type BackoffOptions, backoffDelay, isRetryableStatus } from './backoff.js';
export { createDashScopeClient, DEFAULT_TIMEOUT_MS } from './client.js';
export type {
  DashScopeClient,
  DashScopeClientOptions,
  ListEndpoint,
  ListOutput,
  Query,
} from './client-types.js';
export { DashScopeConfigError } from './dashscope-config-error.js';
export { DashScopeError, type ErrorCauseSummary, type LocalErrorCode } from './dashscope-error.js';
export { DEFAULT_PAGE_SIZE, type FetchedPage, type Page, paginate } from './paging.js';
export {
  type BaseUrlOptions,
  DEFAULT_REGION,
  isRegionId,
  REGIONS,
  type RegionId,
  resolveBaseUrl,
} from './regions.js';
export type { ApiResult } from './response.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy, type Sleep } from './retry.js';
export type * from './types.js';
