export { formatDuration, parseDuration } from '../core/duration.js';
export { ConfigError } from './config-error.js';
export { configFile, DEFAULT_CONFIG_FILE, type LoadedConfig, loadConfig, parseConfigText } from './load.js';
export { EVENT_TYPES, type EventType, type RouteConfig } from './routes.js';
export type { AccountConfig, Config, DigestConfig } from './schema.js';
export { secretsOf } from './secrets.js';
export { serverAccessProblem } from './server-access.js';
export { ServerAccessError } from './server-access-error.js';
export { watchesOf } from './watches.js';
