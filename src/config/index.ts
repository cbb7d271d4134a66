export { formatDuration, parseDuration } from '../core/duration.js';
export { ConfigError } from './config-error.js';
export { configFile, DEFAULT_CONFIG_FILE, type LoadedConfig, loadConfig, parseConfigText } from './load.js';
export type {
  AccountConfig,
  ChannelConfig,
  Config,
  DigestConfig,
  EmailChannelConfig,
  EventType,
  RouteConfig,
  SlackChannelConfig,
} from './schema.js';
export { watchesOf } from './watches.js';
