import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { Logger } from '../core/logger.js';
import type { Metrics } from './metrics.js';

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
}

export interface RunningHttpServer {
  /** `http://host:port`. */
  url: string;
  close(): Promise<void>;
}

/** `/healthz` (the process is up), `/readyz` (Redis answers, watches are fresh), `/metrics`. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const reply = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, 'method not allowed\n');
    if (path === '/healthz') return reply(200, 'ok\n');
    if (path === '/readyz') {
      options.ready().then(
        (reason) => (reason === undefined ? reply(200, 'ready\n') : reply(503, `not ready: ${reason}\n`)),
        () => reply(503, 'not ready: check failed\n'),
      );
      return;
    }
    if (path === '/metrics') {
      (async () => {
        await options
          .beforeScrape?.()
          .catch((error: unknown) => options.logger.warn({ err: error }, 'gauge refresh failed'));
        reply(200, await options.metrics.registry.metrics(), options.metrics.registry.contentType);
      })().catch(() => reply(500, 'metrics failed\n'));
      return;
    }
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
