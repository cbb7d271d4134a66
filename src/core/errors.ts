/** Where an error happened, as far as it is known. Names and ids only: never a key, URL or password. */
export interface ErrorContext {
  account?: string;
  watch?: string;
  jobId?: string;
  requestId?: string;
  channel?: string;
}

export interface DashwatchErrorInit {
  /** Stable, matched by callers (`InvalidApiKey`, `Timeout`, `channel_not_found`, `ConfigInvalid`…). */
  code: string;
  /** Whether another attempt could succeed; false stops every retry loop (see delivery/retry-policy.ts). */
  retryable: boolean;
  context?: ErrorContext;
}

/**
 * The base of every error dashwatch raises on purpose, in the undici/BullMQ style: a stable `code`
 * and `retryable`, matched with `instanceof` and `code`, never by message text. Subclasses are
 * per family (DashScope calls, channels, configuration, usage, store); messages never hold a secret.
 */
export class DashwatchError extends Error {
  override readonly name: string = 'DashwatchError';
  readonly code: string;
  readonly retryable: boolean;
  // Declared, not defined: an absent context stays absent instead of showing as undefined.
  declare readonly context?: ErrorContext;

  constructor(message: string, init: DashwatchErrorInit, options?: { cause?: unknown }) {
    super(message, options);
    this.code = init.code;
    this.retryable = init.retryable;
    if (init.context !== undefined && Object.keys(init.context).length > 0) this.context = init.context;
  }

  /** Message and cause are not enumerable on an Error; include them so JSON logs keep them. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      retryable: this.retryable,
      ...(this.context === undefined ? {} : { context: this.context }),
    };
  }
}

/** True for an error that says no retry can help. Anything else (a Redis blip, a bug) may pass. */
export function isPermanent(error: unknown): boolean {
  return error instanceof DashwatchError && !error.retryable;
}
