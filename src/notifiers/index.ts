export type {
  Channel,
  ChannelConfigBase,
  ChannelDescriptor,
  ChannelSender,
  DefaultRouting,
  SendProgress,
} from './channel.js';
export type { DigestReport } from './digest-report.js';
export { NotifyError, type NotifyErrorInit } from './notify-error.js';
export {
  CHANNEL_TYPES,
  CHANNELS,
  type ChannelConfig,
  channelSchema,
  channelSecretPaths,
  channelSecretValues,
  channelType,
  createChannel,
} from './registry.js';
export { memoryThreads, type ThreadRoot, type ThreadStore } from './threads.js';
