import { DashwatchError } from '../core/errors.js';

/** Codes for failures that happen on our side of the wire; anything else is the vendor's `code`. */
export type LocalErrorCode = 'BadResponse' | 'Timeout' | 'NetworkError' | 'Aborted' | 'HttpError';

/**
 * A safe summary of an underlying error (e.g. undici's): only name, code and message, because
 * the original objects may hold request options and headers, and so the API key.
 */
export interface ErrorCauseSummary {
  name: string;
  code?: string;
  message: string;
}

/** Everything a `DashScopeError` carries. */
export interface DashScopeErrorInit {
  code: string;
  /** Human detail: the vendor's message, or what went wrong locally. */
  detail: string;
  /** `METHOD /api/v1/path?query`, never a header or key. */
  endpoint: string;
  retryable: boolean;
  attempts: number;
  httpStatus?: number;
  requestId?: string;
  cause?: ErrorCauseSummary;
}

/**
 * A failed DashScope call. `code` is the vendor's code (`NotFound`, `InvalidApiKey`, `Throttling`, …)
 * or a local one (`LocalErrorCode`); `retryable` says whether another attempt could succeed.
 * Match with `instanceof` and `code`, never with the message text.
 */
export class DashScopeError extends DashwatchError {
  override readonly name = 'DashScopeError';
  // Declared, not defined: an absent status or id stays absent instead of showing as undefined.
  declare readonly httpStatus?: number;
  declare readonly requestId?: string;
  readonly endpoint: string;
  readonly attempts: number;
  /** The message as given (vendor message or local detail), without the context the full message adds. */
  readonly detail: string;
  declare readonly cause?: ErrorCauseSummary;

  constructor(init: DashScopeErrorInit) {
    super(
      formatMessage(init),
      {
        code: init.code,
        retryable: init.retryable,
        ...(init.requestId === undefined ? {} : { context: { requestId: init.requestId } }),
      },
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    this.endpoint = init.endpoint;
    this.attempts = init.attempts;
    this.detail = init.detail;
  }

  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      endpoint: this.endpoint,
      retryable: this.retryable,
      attempts: this.attempts,
      cause: this.cause,
    };
  }
}

function formatMessage(init: DashScopeErrorInit): string {
  const context = [init.code];
  if (init.httpStatus !== undefined) context.push(`HTTP ${init.httpStatus}`);
  if (init.requestId !== undefined) context.push(`request_id ${init.requestId}`);
  if (init.attempts > 1) context.push(`${init.attempts} attempts`);
  return `${init.endpoint}: ${init.detail} (${context.join(', ')})`;
}
