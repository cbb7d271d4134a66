import { DashwatchError } from '../core/errors.js';

/** Everything a `NotifyError` carries; none of it may hold a secret (webhook URL, SMTP password). */
export interface NotifyErrorInit {
  /** The configured channel name. */
  channel: string;
  /** Whether another attempt could succeed (BullMQ retries); false means stop retrying. */
  retryable: boolean;
  /** What went wrong, already free of secrets. */
  detail: string;
  /** Wait the receiver asked for (Slack `Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  httpStatus?: number;
  /** The receiver's code (Slack body text such as `no_service`, SMTP `EAUTH`) or a local one (`network`, `aborted`). */
  code: string;
}

/**
 * A failed delivery to one channel. Match with `instanceof` and `retryable`/`code`, never by message.
 * The message names the channel and the failure, never the webhook URL or SMTP credentials.
 */
export class NotifyError extends DashwatchError {
  override readonly name = 'NotifyError';
  readonly channel: string;
  readonly detail: string;
  // Declared, not defined: an absent field stays absent instead of showing as undefined.
  declare readonly retryAfterMs?: number;
  declare readonly httpStatus?: number;

  constructor(init: NotifyErrorInit) {
    super(formatMessage(init), {
      code: init.code,
      retryable: init.retryable,
      context: { channel: init.channel },
    });
    this.channel = init.channel;
    this.detail = init.detail;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
  }

  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      channel: this.channel,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      httpStatus: this.httpStatus,
      code: this.code,
    };
  }
}

function formatMessage(init: NotifyErrorInit): string {
  const context = [init.retryable ? 'retryable' : 'permanent'];
  if (init.retryAfterMs !== undefined) context.push(`retry after ${init.retryAfterMs} ms`);
  return `channel "${init.channel}": ${init.detail} (${context.join(', ')})`;
}
