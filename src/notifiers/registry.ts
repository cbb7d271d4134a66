import type { ChannelConfig } from '../config/schema.js';
import { createEmailNotifier } from './email/index.js';
import type { Notifier, NotifierDeps, NotifierFactory } from './notifier.js';
import { createSlackNotifier } from './slack/index.js';

/** Every channel type in the config schema must have a factory here, or tsc fails. */
type NotifierFactories = {
  [T in ChannelConfig['type']]: NotifierFactory<Extract<ChannelConfig, { type: T }>>;
};

const notifierFactories = {
  slack: createSlackNotifier,
  email: createEmailNotifier,
} satisfies NotifierFactories;

/** The notifier for one configured channel. */
export function createNotifier(name: string, config: ChannelConfig, deps: NotifierDeps): Notifier {
  const factory = notifierFactories[config.type] as NotifierFactory<ChannelConfig> | undefined;
  // Unreachable after zod validation; fail loudly rather than drop a channel's messages.
  if (factory === undefined) throw new Error(`no notifier for channel type "${String(config.type)}"`);
  return factory(name, config, deps);
}
