import type { z } from 'zod';
import type { Locale } from '../core/locale.js';
import type { Logger } from '../core/logger.js';
import type { QuietHours } from '../core/quiet-hours.js';
import type { ThreadStore } from '../core/threads.js';
import type { DashwatchEvent } from '../core/types.js';
import type { DigestReport } from './digest-report.js';
import type { NotifyError } from './notify-error.js';

/** What a channel's config always has, whatever its type (see config/fields.ts `pacingFields`). */
export interface ChannelConfigBase {
  type: string;
  groupWait: number;
  minInterval: number;
  maxJobsPerMessage: number;
  /** How long a batch is retried before it is given up; absent: for days (see retry-policy.ts). */
  retryFor?: number | undefined;
  /** The channel's language; absent: the configuration's `locale`. */
  locale?: Locale | undefined;
  quietHours?: QuietHours | undefined;
}

/** How env-only mode (no config file) builds one channel of a type from environment variables. */
export interface ChannelEnv<C> {
  /** The channel's name in env-only mode (`slack`, `email`, …). */
  name: string;
  /** Config key → the variable that fills it. */
  vars: Partial<Record<keyof C & string, string>>;
  /** The channel exists when any of these keys' variables is set. */
  when: readonly (keyof C & string)[];
  /** Keys whose variable is read as a comma-separated list. */
  lists?: readonly (keyof C & string)[];
  /** Values used when their variable is unset. */
  defaults?: Partial<C>;
}

/** Which of the default routes a channel of a type gets when the configuration names no routes. */
export type DefaultRouting = 'chat' | 'mail' | 'threads' | 'everything';

/** The transport of one configured channel: sends one rendered message, throws `NotifyError`. */
export interface ChannelSender<M> {
  send(message: M, signal: AbortSignal): Promise<void>;
  /** Releases pooled connections on shutdown. */
  close?(): Promise<void>;
}

/** What a transport may use besides its config. */
export interface OpenDeps {
  logger: Logger;
  /** Where conversations (a thread per job) are remembered, for types that thread. */
  threads: ThreadStore;
}

/** What rendering may use besides the events or the report. */
export interface RenderContext {
  /** The channel's name in the config. */
  channel: string;
  /** The language to write in: the channel's `locale`, else the configuration's. */
  locale: Locale;
}

/**
 * Everything dashwatch knows about one channel type. Each type's folder exports one
 * (`src/notifiers/<type>/index.ts`), and `src/notifiers/registry.ts` is the only other file that names
 * it: the config schema, env-only mode, default routes, log redaction and rate gates are derived from
 * the registry.
 */
export interface ChannelDescriptor<
  T extends string = string,
  C extends ChannelConfigBase = ChannelConfigBase,
  M = unknown,
  S extends z.ZodType = z.ZodType,
> {
  readonly type: T;
  /** The channel's config: a strict object with `type: T` and the pacing fields. */
  readonly schema: S;
  readonly env: ChannelEnv<C>;
  /** Config keys that hold secrets: redacted from log lines by path. */
  readonly secretKeys: readonly (keyof C & string)[];
  /** Every form of the config's secrets a peer could echo back (URL, path, token…), scrubbed from text. */
  secretValues(config: C): string[];
  readonly defaultRouting: DefaultRouting;
  /** When a channel's config changes what it gets by default (Slack app mode: every step, in threads). */
  routingOf?(config: C): DefaultRouting;
  /**
   * Names the destination for the shared rate gate: channels (and processes) sending to one
   * destination share its pace. Hashed before use, never stored.
   */
  destination(config: C): string;
  /**
   * The one place that reads the receiver's answers: a raw outcome of the transport (an HTTP answer,
   * an SMTP error) as a `NotifyError` that says whether to retry and how long to wait, or undefined
   * when the message was taken. Secrets in the receiver's text are scrubbed.
   */
  classify(channel: string, outcome: never, secrets: readonly string[]): NotifyError | undefined;
  /** A batch of events as messages, each within the channel's limits (split, never truncated). */
  renderEvents(batch: readonly DashwatchEvent[], config: C, ctx: RenderContext): M[];
  /** A digest as messages (chat channels: one, within the size limit). */
  renderDigest(report: DigestReport, config: C, ctx: RenderContext): M[];
  /**
   * The channel's transport. Called on the first message, so that a transport library (SMTP) loads
   * only in processes that send through it.
   */
  open(name: string, config: C, deps: OpenDeps): Promise<ChannelSender<M>>;
}

/** A channel type's config schema: a strict object with a literal `type` (see config/fields.ts). */
export type ChannelSchema = z.ZodType & z.core.$ZodTypeDiscriminable;

/** Identity, for type inference at each type's definition: the schema types everything else. */
export function defineChannel<S extends ChannelSchema & z.ZodType<ChannelConfigBase>, M>(
  descriptor: ChannelDescriptor<z.output<S>['type'], z.output<S>, M, S>,
): ChannelDescriptor<z.output<S>['type'], z.output<S>, M, S> {
  return descriptor;
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

/** One configured channel, ready to deliver: what the delivery stage drives. */
export interface Channel {
  readonly type: string;
  /** Silences apply: a chat or mail channel (a webhook, read by machines, gets every event). */
  readonly silenceable: boolean;
  /** The channel's name in the config: safe to log. */
  readonly name: string;
  readonly config: ChannelConfigBase;
  /** See `ChannelDescriptor.destination`. */
  readonly destination: string;
  /** Delivers a batch as one message, or several when the channel's limits demand; throws `NotifyError`. */
  send(batch: readonly DashwatchEvent[], signal: AbortSignal, progress?: SendProgress): Promise<void>;
  sendDigest(report: DigestReport, signal: AbortSignal, progress?: SendProgress): Promise<void>;
  /** Opens the transport ahead of the first message, so that opening it does not delay a paced send. */
  prepare(): Promise<void>;
  close(): Promise<void>;
}
