import { z } from 'zod';
import type { Channel, ChannelDescriptor } from './channel.js';
import { dingtalk } from './dingtalk/index.js';
import { email } from './email/index.js';
import { feishu } from './feishu/index.js';
import { type ChannelDeps, openChannel } from './open-channel.js';
import { slack } from './slack/index.js';
import { webhook } from './webhook/index.js';
import { wecom } from './wecom/index.js';

/**
 * Every channel type, the only file besides each type's folder that names one. The config schema,
 * env-only mode, default routes and log redaction are derived from this list.
 */
export const CHANNELS = [slack, email, dingtalk, feishu, wecom, webhook] as const;

type AnyDescriptor = (typeof CHANNELS)[number];
type Schemas = [AnyDescriptor['schema'], ...AnyDescriptor['schema'][]];

export const CHANNEL_TYPES = CHANNELS.map((channel) => channel.type);

/** A channel's config, any type: the union of every type's schema, told apart by `type`. */
export const channelSchema = z.discriminatedUnion(
  'type',
  CHANNELS.map((channel) => channel.schema) as Schemas,
  {
    // The issue is reported on `type` with the channel as input: absent `type` is a missing key.
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const type = (issue.input as { type?: unknown } | undefined)?.type;
      return type === undefined
        ? 'is required'
        : `unknown channel type (one of: ${CHANNEL_TYPES.join(', ')})`;
    },
  },
);
export type ChannelConfig = z.output<typeof channelSchema>;

/** The descriptor of a channel type. */
export function channelType(type: string): ChannelDescriptor | undefined {
  return (CHANNELS as unknown as readonly ChannelDescriptor[]).find((channel) => channel.type === type);
}

/** A configured channel, ready to deliver. */
export function createChannel(name: string, config: ChannelConfig, deps: ChannelDeps): Channel {
  const descriptor = channelType(config.type);
  // Unreachable after validation; fail loudly rather than drop a channel's messages.
  if (descriptor === undefined) throw new TypeError(`no channel type "${config.type}"`);
  return openChannel(descriptor, name, config, deps);
}

/** Log paths whose values are channel secrets, wherever a config object is logged. */
export function channelSecretPaths(): string[] {
  const keys = new Set(CHANNELS.flatMap((channel) => channel.secretKeys as readonly string[]));
  return [...keys].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
}

/** Every secret of the configured channels, in every form a peer could echo. */
export function channelSecretValues(channels: Readonly<Record<string, ChannelConfig>>): string[] {
  return Object.values(channels).flatMap(
    (config) => channelType(config.type)?.secretValues(config as never) ?? [],
  );
}
