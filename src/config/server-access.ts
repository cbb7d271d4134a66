import { isLoopbackHost } from '../core/loopback.js';
import type { Config } from './schema.js';

/**
 * Why the HTTP server must not start as configured, in one line, or undefined. Off the loopback
 * interface the status page and `/api/*` show job names, models and errors to the network, so they
 * need a token; `/metrics` behind the token needs one too.
 */
export function serverAccessProblem(server: Config['server']): string | undefined {
  if (server.port === 0 || server.token !== undefined) return undefined;
  if (!isLoopbackHost(server.host)) {
    return `server.host (DASHWATCH_HOST) is ${server.host}, which is not loopback: set server.token (DASHWATCH_HTTP_TOKEN, at least 16 characters) so the status page and /api ask for it, or bind to 127.0.0.1`;
  }
  if (server.metrics === 'token') {
    return 'server.metrics (DASHWATCH_METRICS) is token, but no server.token (DASHWATCH_HTTP_TOKEN) is set';
  }
  return undefined;
}
