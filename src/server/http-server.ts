import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { Logger } from '../core/logger.js';
import { Access, type AccessSettings } from './access.js';
import type { Metrics } from './metrics.js';
import { refusedForGuessing, send, TEXT } from './respond.js';
import { statusRoutes } from './status-routes.js';
import type { StatusSource } from './status-source.js';

/** What `/readyz` checks; each answers a reason when not ready. */
export type ReadinessCheck = () => Promise<string | undefined>;

export interface HttpServerOptions {
  host: string;
  port: number;
  metrics: Metrics;
  ready: ReadinessCheck;
  /** Refreshes gauges (queue depths) just before a scrape. */
  beforeScrape?: () => Promise<void>;
  logger: Logger;
  /** What the status page and `/api/*` show; without it the server has neither. */
  status?: StatusSource;
  /** The token and the `/metrics` setting; none: everything open (the daemon allows that on loopback only). */
  access?: AccessSettings;
  /** How often an open status page refreshes itself. Default 10 s. */
  refreshMs?: number;
}

export interface RunningHttpServer {
  /** `http://host:port`. */
  url: string;
  close(): Promise<void>;
}

/**
 * `/healthz` (the process is up), `/readyz` (Redis answers, watches are fresh), `/metrics`, and with
 * a status source the status page (`/`) and its JSON (`/api/*`).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const access = new Access(options.access ?? { metrics: 'open' });
  const status =
    options.status === undefined
      ? undefined
      : statusRoutes({
          source: options.status,
          access,
          refreshMs: options.refreshMs ?? 10_000,
          logger: options.logger,
        });
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://dashwatch.invalid');
    const path = url.pathname;
    const reply = (code: number, body: string, type = TEXT) => send(response, code, body, type, {}, false);
    const post = request.method === 'POST' && path === '/login';
    if (request.method !== 'GET' && request.method !== 'HEAD' && !post)
      return reply(405, 'method not allowed\n');
    if (path === '/healthz') return reply(200, 'ok\n');
    if (path === '/readyz') {
      options.ready().then(
        (reason) => (reason === undefined ? reply(200, 'ready\n') : reply(503, `not ready: ${reason}\n`)),
        () => reply(503, 'not ready: check failed\n'),
      );
      return;
    }
    if (path === '/metrics') {
      if (access.metricsNeedToken && refusedForGuessing(response, access.tokenWaitMs(request, false))) return;
      if (!access.allowsMetrics(request)) {
        return send(response, 401, 'token required\n', TEXT, { 'www-authenticate': 'Bearer' }, false);
      }
      (async () => {
        await options
          .beforeScrape?.()
          .catch((error: unknown) => options.logger.warn({ err: error }, 'gauge refresh failed'));
        reply(200, await options.metrics.registry.metrics(), options.metrics.registry.contentType);
      })().catch(() => reply(500, 'metrics failed\n'));
      return;
    }
    if (status?.(request, response, url)) return;
    reply(404, 'not found\n');
  });
  // A taken port is an error to report, not an unhandled 'error' event.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  options.logger.info({ host: options.host, port }, 'http server listening');
  return {
    url: `http://${host}:${port}`,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
