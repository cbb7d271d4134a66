/** Raised when a client is configured with an unknown region or an unusable base URL. */
export class DashScopeConfigError extends Error {
  override readonly name = 'DashScopeConfigError';
}
