export type { AccessSettings } from './access.js';
export {
  type HttpServerOptions,
  type ReadinessCheck,
  type RunningHttpServer,
  startHttpServer,
} from './http-server.js';
export { createMetrics, type Metrics } from './metrics.js';
export type { StatusSource } from './status-source.js';
