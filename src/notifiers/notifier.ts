import type { ChannelConfig } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import type { DashwatchEvent } from '../core/types.js';

/**
 * One configured channel. `send` delivers a batch as one message, or as several when the channel's
 * limits demand (split, never truncated), and throws `NotifyError` on failure: `retryable` tells the
 * caller (BullMQ, which owns retries) whether to try again, `retryAfterMs` how long to wait.
 */
export interface Notifier {
  readonly type: 'slack' | 'email';
  /** The channel's name in the config: safe to log. */
  readonly name: string;
  send(batch: readonly DashwatchEvent[], signal: AbortSignal, progress?: SendProgress): Promise<void>;
  /** Releases pooled connections (SMTP) on shutdown. */
  close?(): Promise<void>;
}

/**
 * How a batch's messages are paced and resumed: a retry skips the messages already sent, and each
 * message waits for the destination's shared rate gate.
 */
export interface SendProgress {
  /** Messages of this batch that went out in an earlier attempt. */
  alreadySent: number;
  beforeMessage(): Promise<void>;
  messageSent(): Promise<void>;
}

/** What a factory may use besides its config. */
export interface NotifierDeps {
  logger: Logger;
}

/** Builds a notifier from an already validated channel config; it never re-parses config in `send`. */
export type NotifierFactory<C extends ChannelConfig> = (
  name: string,
  config: C,
  deps: NotifierDeps,
) => Notifier;
